using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Assignment;

/// <summary>
/// What both ticket stores must do for the assignment engine: the queue in order, loads, and the capacity claim
/// that keeps an agent within capacity however many savers race. Each implementation runs it through a subclass.
/// </summary>
public abstract class AssignmentStoreContract
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Agent Ana = new(Acme, "ana", "Ana", SupportLevel.N1, ["geral"], 3);
    private int _conversations;

    /// <summary>A ticket store that is also an <see cref="IAssignmentStore"/>.</summary>
    protected abstract Task<ITicketStore> CreateStoreAsync();

    [Fact]
    public async Task QueuedAsync_lists_only_the_tenants_open_tickets_in_assignment_order_up_to_the_limit()
    {
        var store = await CreateStoreAsync();
        var low = await OpenAsync(store, TicketPriority.Low, T0);
        var normalNoDeadline = await OpenAsync(store, TicketPriority.Normal, T0);
        var normalDueLate = await OpenAsync(store, TicketPriority.Normal, T0.AddMinutes(1), due: T0.AddHours(2));
        var normalDueSoon = await OpenAsync(store, TicketPriority.Normal, T0.AddMinutes(2), due: T0.AddHours(1));
        var urgent = await OpenAsync(store, TicketPriority.Urgent, T0.AddMinutes(3));
        var assigned = await OpenAsync(store, TicketPriority.Urgent, T0);
        await SaveAsync(store, assigned, t => t.Assign(Ana, T0.AddMinutes(5)));
        await OpenAsync(store, TicketPriority.Urgent, T0, tenant: Globex);

        var queued = await Queue(store).QueuedAsync(Acme, 10);
        var firstTwo = await Queue(store).QueuedAsync(Acme, 2);
        var nextTwo = await Queue(store).QueuedAsync(Acme, 2, offset: 2);

        Assert.Equal([urgent.Id, normalDueSoon.Id, normalDueLate.Id, normalNoDeadline.Id, low.Id], queued.Select(q => q.Ticket.Id));
        Assert.Equal([urgent.Id, normalDueSoon.Id], firstTwo.Select(q => q.Ticket.Id));
        Assert.Equal([normalDueLate.Id, normalNoDeadline.Id], nextTwo.Select(q => q.Ticket.Id));
        Assert.Equal(T0.AddHours(1), queued[1].Ticket.FirstResponseDueAt);
    }

    [Fact]
    public async Task QueuedAsync_with_a_filter_keeps_tickets_of_exactly_that_level_whose_skills_the_agent_has()
    {
        var store = await CreateStoreAsync();
        var fits = await OpenAsync(store, TicketPriority.Normal, T0, SupportLevel.N2, skills: ["internet"]);
        var noSkills = await OpenAsync(store, TicketPriority.Normal, T0, SupportLevel.N2);
        await OpenAsync(store, TicketPriority.Normal, T0, SupportLevel.N2, skills: ["internet", "juridico"]);
        await OpenAsync(store, TicketPriority.Normal, T0, SupportLevel.N1, skills: ["internet"]);
        await OpenAsync(store, TicketPriority.Normal, T0, SupportLevel.N3, skills: ["internet"]);

        var queued = await Queue(store).QueuedAsync(Acme, 10, new QueueFilter(SupportLevel.N2, ["internet", "fibra"]));

        Assert.Equal([fits.Id, noSkills.Id], queued.Select(q => q.Ticket.Id));
    }

    [Fact]
    public async Task A_ticket_is_queued_since_it_was_opened_or_last_put_back_in_a_queue()
    {
        var store = await CreateStoreAsync();
        var ticket = await OpenAsync(store, TicketPriority.Normal, T0);
        await SaveAsync(store, ticket, t => t.ChangePriority(TicketPriority.High), T0.AddMinutes(1));
        Assert.Equal(T0, Assert.Single(await Queue(store).QueuedAsync(Acme, 10)).QueuedSince);

        ticket = (await store.GetAsync(Acme, ticket.Id))!;
        await SaveAsync(store, ticket, t => t.Assign(Ana, T0.AddMinutes(2)), T0.AddMinutes(2));
        ticket = (await store.GetAsync(Acme, ticket.Id))!;
        await SaveAsync(store, ticket, t => t.TransferToQueue("reserva"), T0.AddMinutes(7));

        Assert.Equal(T0.AddMinutes(7), Assert.Single(await Queue(store).QueuedAsync(Acme, 10)).QueuedSince);
    }

    [Fact]
    public async Task WorkloadsAsync_counts_assigned_in_progress_and_waiting_tickets_and_the_last_assignment()
    {
        var store = await CreateStoreAsync();
        await HoldAsync(store, "ana", T0.AddMinutes(1));
        var accepted = await HoldAsync(store, "ana", T0.AddMinutes(3));
        await SaveAsync(store, accepted, t => t.Accept("ana", T0.AddMinutes(4)));
        var resolved = await HoldAsync(store, "ana", T0.AddMinutes(2));
        await SaveAsync(store, resolved, t => t.Accept("ana", T0.AddMinutes(4)));
        resolved = (await store.GetAsync(Acme, resolved.Id))!;
        await SaveAsync(store, resolved, t => t.Resolve("ana", T0.AddMinutes(5)));
        await HoldAsync(store, "bruno", T0, Globex);

        var loads = await Queue(store).WorkloadsAsync(Acme, ["ana", "bruno"]);

        Assert.Equal(new AgentWorkload(2, T0.AddMinutes(3)), loads["ana"]);
        Assert.Equal(new AgentWorkload(0, null), loads["bruno"]);
    }

    [Fact]
    public async Task TenantsWithQueuedTicketsAsync_names_each_tenant_with_an_open_ticket_once()
    {
        var store = await CreateStoreAsync();
        await OpenAsync(store, TicketPriority.Normal, T0);
        await OpenAsync(store, TicketPriority.Normal, T0);
        await HoldAsync(store, "ana", T0, Globex);
        Assert.Equal([Acme], await Queue(store).TenantsWithQueuedTicketsAsync());

        await OpenAsync(store, TicketPriority.Normal, T0, tenant: Globex);

        Assert.Equal([Acme.Value, Globex.Value], (await Queue(store).TenantsWithQueuedTicketsAsync()).Select(t => t.Value).Order());
    }

    [Fact]
    public async Task A_capacity_claim_fails_when_the_agent_already_holds_their_capacity_and_saves_nothing()
    {
        var store = await CreateStoreAsync();
        await HoldAsync(store, "ana", T0);
        await HoldAsync(store, "ana", T0);
        var third = await OpenAsync(store, TicketPriority.Normal, T0);
        var fourth = await OpenAsync(store, TicketPriority.Normal, T0);

        Assert.Equal(SaveOutcome.Saved, await ClaimAsync(store, third, capacity: 3));
        Assert.Equal(SaveOutcome.AgentAtCapacity, await ClaimAsync(store, fourth, capacity: 3));

        var unchanged = (await store.GetAsync(Acme, fourth.Id))!;
        Assert.Equal((TicketStatus.Open, null, 1), (unchanged.Status, unchanged.AssigneeId, unchanged.Version));
        Assert.Empty(await store.GetAuditAsync(Acme, fourth.Id));
        Assert.Equal(SaveOutcome.Saved, await ClaimAsync(store, fourth, capacity: 4));
    }

    [Fact]
    public async Task Racing_capacity_claims_for_one_agent_let_exactly_capacity_of_them_through()
    {
        var store = await CreateStoreAsync();
        var tickets = new List<Ticket>();
        for (var i = 0; i < 24; i++)
        {
            tickets.Add(await OpenAsync(store, TicketPriority.Normal, T0));
        }

        var outcomes = await Task.WhenAll(tickets.Select(t => Task.Run(() => ClaimAsync(store, t, capacity: 5))));

        Assert.Equal(5, outcomes.Count(o => o == SaveOutcome.Saved));
        Assert.Equal(19, outcomes.Count(o => o == SaveOutcome.AgentAtCapacity));
        Assert.Equal(5, (await Queue(store).WorkloadsAsync(Acme, ["ana"]))["ana"].Load);
    }

    private static IAssignmentStore Queue(ITicketStore store) => (IAssignmentStore)store;

    private async Task<Ticket> OpenAsync(ITicketStore store, TicketPriority priority, DateTimeOffset opened, SupportLevel level = SupportLevel.N1,
        DateTimeOffset? due = null, TenantId? tenant = null, string[]? skills = null)
    {
        var request = ATicket().ForTenant(tenant ?? Acme).ForConversation($"conv-{++_conversations}").WithPriority(priority)
            .AtLevel(level).WithSkills(skills ?? []).OpenedAt(opened).BuildRequest() with { FirstResponseDueAt = due };
        return (await store.OpenAsync(request, [])).Ticket;
    }

    /// <summary>A ticket assigned (not yet accepted) to <paramref name="agentId"/> at <paramref name="at"/>.</summary>
    private async Task<Ticket> HoldAsync(ITicketStore store, string agentId, DateTimeOffset at, TenantId? tenant = null)
    {
        var ticket = await OpenAsync(store, TicketPriority.Normal, T0, tenant: tenant);
        await SaveAsync(store, ticket, t => t.Assign(Ana with { Id = agentId, TenantId = ticket.TenantId }, at), at);
        return (await store.GetAsync(ticket.TenantId, ticket.Id))!;
    }

    private static async Task SaveAsync(ITicketStore store, Ticket ticket, Func<Ticket, TransitionResult> change, DateTimeOffset? at = null)
    {
        var result = change(ticket);
        Assert.True(result.Succeeded, result.Reason);
        var audit = result.Change is null ? [] : new[] { NewAuditEntry.Of(result, TicketActor.Agent("ana"), null, at ?? T0) };
        Assert.Equal(SaveOutcome.Saved, await store.SaveAsync([new TicketUpdate(ticket, audit)]));
    }

    private static async Task<SaveOutcome> ClaimAsync(ITicketStore store, Ticket ticket, int capacity)
    {
        var copy = (await store.GetAsync(ticket.TenantId, ticket.Id))!;
        var result = copy.Assign(Ana, T0.AddMinutes(1));
        return await store.SaveAsync([new TicketUpdate(copy, [NewAuditEntry.Of(result, TicketActor.Agent("ana"), null, T0)], new CapacityClaim("ana", capacity))]);
    }
}

public sealed class InMemoryAssignmentStoreTests : AssignmentStoreContract
{
    protected override Task<ITicketStore> CreateStoreAsync() => Task.FromResult<ITicketStore>(new InMemoryTicketStore());
}
