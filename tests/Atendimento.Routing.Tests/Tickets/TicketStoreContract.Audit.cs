using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>The contract's part on saving: every field round-trips, audit lines go with the save, all or nothing.</summary>
public abstract partial class TicketStoreContract
{
    private static readonly TicketActor Ana = TicketActor.Agent("ana");

    [Fact]
    public async Task SaveAsync_round_trips_every_field_of_the_model()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).ForCustomer("cpf:123").WithPriority(TicketPriority.High).BuildRequest()
            with { FirstResponseDueAt = Later, ResolutionDueAt = Later.AddHours(8) }, []);
        var ticket = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        Assert.True(ticket.Escalate("Anatel", "ouvidoria", Later).Succeeded);
        Assert.True(ticket.Accept("carla", Later).Succeeded);
        ticket.RecordCustomerMessage(Later.AddMinutes(1));
        ticket.RecordAgentReply("carla", Later.AddMinutes(2));
        ticket.ChangeSeverity(TicketSeverity.Critical);
        ticket.AddTag("vip");
        Assert.True(ticket.Resolve("carla", Later.AddMinutes(3), "Reembolso feito.").Succeeded);

        Assert.True(await store.SaveAsync(ticket));

        var stored = (await store.GetAsync(Acme, ticket.Id))!;
        Assert.Equal(ticket with { Version = ticket.Version + 1, Tags = stored.Tags, Skills = stored.Skills, Handoff = stored.Handoff }, stored);
        Assert.Equal(["vip"], stored.Tags);
        Assert.Equal(("cpf:123", TicketPriority.High, SupportLevel.N3), (stored.CustomerRef, stored.Priority, stored.Level));
        Assert.Equal((Later, Later.AddHours(8)), (stored.FirstResponseDueAt!.Value, stored.ResolutionDueAt!.Value));
    }

    [Fact]
    public async Task SaveAsync_writes_the_audit_lines_in_order_and_only_for_that_ticket_and_tenant()
    {
        var store = await CreateStoreAsync();
        var id = (await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), [])).Ticket.Id;
        var other = (await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation("c2").BuildRequest(), [])).Ticket.Id;
        var accept = new NewAuditEntry(TicketAction.Accept, Ana, null, null, "ana", TicketStatus.Open, TicketStatus.InProgress, Later);
        var priority = new NewAuditEntry(TicketAction.ChangePriority, Ana, "Cliente idoso", "Normal", "High", TicketStatus.InProgress, TicketStatus.InProgress, Later.AddSeconds(1));

        await ChangeAsync(store, id, t => t.Accept("ana", Later), accept);
        await ChangeAsync(store, id, t => t.ChangePriority(TicketPriority.High), priority);

        var audit = await store.GetAuditAsync(Acme, id);
        Assert.Equal([accept, priority], audit.Select(a => a.Entry));
        Assert.All(audit, a => Assert.Equal(id, a.TicketId));
        Assert.True(audit[0].Sequence < audit[1].Sequence);
        Assert.Empty(await store.GetAuditAsync(Acme, other));
        Assert.Empty(await store.GetAuditAsync(Globex, id));
    }

    [Fact]
    public async Task SaveAsync_of_two_tickets_where_one_is_stale_saves_neither_and_writes_no_audit()
    {
        var store = await CreateStoreAsync();
        var first = (await store.GetAsync(Acme, (await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), [])).Ticket.Id))!;
        var second = (await store.GetAsync(Acme, (await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation("c2").BuildRequest(), [])).Ticket.Id))!;
        await ChangeAsync(store, second.Id, t => t.AddTag("outro-escritor"));
        first.Cancel(Later);
        var line = new NewAuditEntry(TicketAction.Cancel, Ana, "duplicado", null, null, TicketStatus.Open, TicketStatus.Cancelled, Later);

        var outcome = await store.SaveAsync([new TicketUpdate(first, [line]), new TicketUpdate(second, [line])]);

        Assert.Equal(SaveOutcome.Stale, outcome);
        Assert.Equal(TicketStatus.Open, (await store.GetAsync(Acme, first.Id))!.Status);
        Assert.Empty(await store.GetAuditAsync(Acme, first.Id));
    }

    [Fact]
    public async Task SaveAsync_refuses_to_reopen_a_ticket_whose_conversation_has_a_new_active_ticket()
    {
        var store = await CreateStoreAsync();
        var first = (await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), [])).Ticket.Id;
        await ResolveAsync(store, first, "ana");
        var second = await store.OpenAsync(ATicket().ForTenant(Acme).OpenedAt(Later).BuildRequest(), []);
        var reopened = (await store.GetAsync(Acme, first))!;
        Assert.True(reopened.Reopen(Later, TimeSpan.FromDays(7)).Succeeded);

        var outcome = await store.SaveAsync([new TicketUpdate(reopened, [])]);

        Assert.True(second.Created);
        Assert.Equal(SaveOutcome.ConversationHasActiveTicket, outcome);
        Assert.Equal(TicketStatus.Resolved, (await store.GetAsync(Acme, first))!.Status);
    }

    [Theory]
    [InlineData(TicketStatus.Assigned)]
    [InlineData(TicketStatus.WaitingOnCustomer)]
    public async Task OpenAsync_treats_assigned_and_waiting_tickets_as_active(TicketStatus status)
    {
        var store = await CreateStoreAsync();
        var first = (await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), [])).Ticket.Id;
        await ChangeAsync(store, first, t => t.Assign(Agents.Ana, Later));
        if (status == TicketStatus.WaitingOnCustomer)
        {
            await ChangeAsync(store, first, t => t.Accept("ana", Later));
            await ChangeAsync(store, first, t => t.WaitOnCustomer("ana"));
        }

        var retried = await store.OpenAsync(ATicket().ForTenant(Acme).OpenedAt(Later).BuildRequest(), []);

        Assert.False(retried.Created);
        Assert.Equal((first, status), (retried.Ticket.Id, retried.Ticket.Status));
        Assert.NotNull(await store.AppendWhileActiveAsync(Acme, first, new NewTicketMessage(MessageAuthor.Customer, null, "oi", Later)));
    }

    [Fact]
    public async Task An_internal_note_round_trips_marked_internal()
    {
        var store = await CreateStoreAsync();
        var id = (await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi"))).Ticket.Id;

        var note = await store.AppendMessageAsync(Acme, id, new NewTicketMessage(MessageAuthor.Agent, "ana", "Cliente já ligou 3x.", Later, Internal: true));

        var messages = await store.GetMessagesAsync(Acme, id);
        Assert.True(note.Internal);
        Assert.Equal([false, true], messages.Select(m => m.Internal));
    }

    private static async Task ChangeAsync(ITicketStore store, TicketId id, Func<Ticket, TransitionResult> change, params NewAuditEntry[] audit)
    {
        var ticket = (await store.GetAsync(Acme, id))!;
        var result = change(ticket);
        Assert.True(result.Succeeded, result.Reason);
        Assert.True(await store.SaveAsync(ticket, audit));
    }
}
