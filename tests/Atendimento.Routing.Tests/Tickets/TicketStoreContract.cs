using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

/// <summary>What every <see cref="ITicketStore"/> must do; each implementation runs these facts through a subclass.</summary>
public abstract partial class TicketStoreContract
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private static readonly DateTimeOffset Later = new(2026, 3, 2, 12, 10, 0, 750, TimeSpan.Zero);

    protected abstract Task<ITicketStore> CreateStoreAsync();

    [Fact]
    public async Task OpenAsync_creates_an_open_ticket_at_version_1_with_every_field_round_tripped()
    {
        var store = await CreateStoreAsync();
        var request = ATicket().ForTenant(Acme).WithSkills("internet", "fibra", "ônibus").BuildRequest();

        var opened = await store.OpenAsync(request, []);
        var reloaded = await store.GetAsync(Acme, opened.Ticket.Id);

        Assert.True(opened.Created);
        AssertOpenedFrom(request, opened.Ticket);
        Assert.NotNull(reloaded);
        AssertOpenedFrom(request, reloaded);
        Assert.Equal(opened.Ticket.Id, reloaded.Id);
    }

    [Fact]
    public async Task OpenAsync_keeps_an_absent_customer_name_and_an_empty_skill_list()
    {
        var store = await CreateStoreAsync();
        var request = ATicket().ForTenant(Acme).WithoutCustomerName().WithSkills().BuildRequest();

        var opened = await store.OpenAsync(request, []);
        var reloaded = await store.GetAsync(Acme, opened.Ticket.Id);

        Assert.NotNull(reloaded);
        Assert.Null(reloaded.CustomerName);
        Assert.Empty(reloaded.Skills);
        Assert.Empty(await store.GetMessagesAsync(Acme, opened.Ticket.Id));
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.InProgress)]
    public async Task OpenAsync_while_the_conversation_has_an_active_ticket_returns_that_ticket_and_adds_no_messages(TicketStatus activeStatus)
    {
        var store = await CreateStoreAsync();
        var first = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi", "olá"));
        if (activeStatus == TicketStatus.InProgress)
        {
            await AcceptAsync(store, first.Ticket.Id, "ana");
        }

        var retried = await store.OpenAsync(
            ATicket().ForTenant(Acme).OpenedAt(Later).BuildRequest(), Transcript(Later, "oi", "olá", "de novo"));

        Assert.False(retried.Created);
        Assert.Equal(first.Ticket.Id, retried.Ticket.Id);
        Assert.Equal(activeStatus, retried.Ticket.Status);
        Assert.Equal(OpenedAtDefault, retried.Ticket.OpenedAt);
        Assert.Equal(2, (await store.GetMessagesAsync(Acme, first.Ticket.Id)).Count);
        Assert.Single(await store.ListAsync(Acme, null, 10));
    }

    [Fact]
    public async Task OpenAsync_after_the_active_ticket_is_resolved_creates_a_new_ticket_with_its_own_transcript()
    {
        var store = await CreateStoreAsync();
        var first = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi", "olá"));
        await ResolveAsync(store, first.Ticket.Id, "ana");

        var second = await store.OpenAsync(ATicket().ForTenant(Acme).OpenedAt(Later).BuildRequest(), Transcript(Later, "voltou a cair"));

        Assert.True(second.Created);
        Assert.NotEqual(first.Ticket.Id, second.Ticket.Id);
        Assert.Equal(TicketStatus.Open, second.Ticket.Status);
        Assert.Equal(Later, second.Ticket.OpenedAt);
        var messages = await store.GetMessagesAsync(Acme, second.Ticket.Id);
        Assert.Equal("voltou a cair", Assert.Single(messages).Text);
        Assert.Equal(1, messages[0].Sequence);
        Assert.Equal(TicketStatus.Resolved, (await store.GetAsync(Acme, first.Ticket.Id))!.Status);
    }

    [Fact]
    public async Task OpenAsync_for_the_same_conversation_reference_in_another_tenant_creates_a_separate_ticket()
    {
        var store = await CreateStoreAsync();
        var acme = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), []);

        var globex = await store.OpenAsync(ATicket().ForTenant(Globex).BuildRequest(), []);

        Assert.True(globex.Created);
        Assert.NotEqual(acme.Ticket.Id, globex.Ticket.Id);
        Assert.Equal(Globex, globex.Ticket.TenantId);
    }

    [Fact]
    public async Task Concurrent_OpenAsync_for_one_conversation_creates_exactly_one_ticket()
    {
        var store = await CreateStoreAsync();
        var transcript = Transcript(OpenedAtDefault, "oi", "olá", "sem sinal");

        var results = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), transcript))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Ticket.Id).Distinct());
        Assert.Equal(3, (await store.GetMessagesAsync(Acme, results[0].Ticket.Id)).Count);
    }

    [Fact]
    public async Task GetAsync_of_another_tenants_ticket_returns_null()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "oi"));

        Assert.Null(await store.GetAsync(Globex, opened.Ticket.Id));
        Assert.Empty(await store.GetMessagesAsync(Globex, opened.Ticket.Id));
        Assert.NotNull(await store.GetAsync(Acme, opened.Ticket.Id));
    }

    [Fact]
    public async Task GetAsync_of_an_unknown_ticket_returns_null()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetAsync(Acme, new TicketId(987_654)));
    }

    [Fact]
    public async Task A_ticket_read_from_the_store_is_a_copy_that_changes_nothing_until_saved()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), []);
        var read = (await store.GetAsync(Acme, opened.Ticket.Id))!;

        read.Accept("ana", Later);
        opened.Ticket.Accept("bruno", Later);

        var stored = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        Assert.Equal(TicketStatus.Open, stored.Status);
        Assert.Null(stored.AssigneeId);
    }

    [Fact]
    public async Task ListAsync_returns_only_the_tenants_tickets_newest_first_filtered_by_status()
    {
        var store = await CreateStoreAsync();
        var ids = new List<TicketId>();
        foreach (var conversation in new[] { "c1", "c2", "c3", "c4" })
        {
            ids.Add((await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation(conversation).BuildRequest(), [])).Ticket.Id);
        }
        await store.OpenAsync(ATicket().ForTenant(Globex).ForConversation("c5").BuildRequest(), []);
        await AcceptAsync(store, ids[1], "ana");
        await ResolveAsync(store, ids[2], "bruno");

        var all = await store.ListAsync(Acme, null, 10);
        var open = await store.ListAsync(Acme, TicketStatus.Open, 10);
        var inProgress = await store.ListAsync(Acme, TicketStatus.InProgress, 10);
        var resolved = await store.ListAsync(Acme, TicketStatus.Resolved, 10);
        var closed = await store.ListAsync(Acme, TicketStatus.Closed, 10);

        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], all.Select(t => t.Id));
        Assert.All(all, t => Assert.Equal(Acme, t.TenantId));
        Assert.Equal([ids[3], ids[0]], open.Select(t => t.Id));
        Assert.Equal(ids[1], Assert.Single(inProgress).Id);
        Assert.Equal(ids[2], Assert.Single(resolved).Id);
        Assert.Empty(closed);
    }

    [Fact]
    public async Task ListAsync_honours_the_limit_keeping_the_newest()
    {
        var store = await CreateStoreAsync();
        var ids = new List<TicketId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await store.OpenAsync(ATicket().ForTenant(Acme).ForConversation($"c{i}").BuildRequest(), [])).Ticket.Id);
        }

        var newestTwo = await store.ListAsync(Acme, null, 2);
        var newestOpenThree = await store.ListAsync(Acme, TicketStatus.Open, 3);

        Assert.Equal([ids[4], ids[3]], newestTwo.Select(t => t.Id));
        Assert.Equal([ids[4], ids[3], ids[2]], newestOpenThree.Select(t => t.Id));
    }

    [Fact]
    public async Task SaveAsync_with_a_stale_version_returns_false_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), []);
        var mine = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        var theirs = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        theirs.Accept("bruno", OpenedAtDefault.AddMinutes(1));
        Assert.True(await store.SaveAsync(theirs));

        mine.Accept("ana", Later);
        var saved = await store.SaveAsync(mine);

        Assert.False(saved);
        var stored = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal("bruno", stored.AssigneeId);
        Assert.Equal(OpenedAtDefault.AddMinutes(1), stored.AcceptedAt);
    }

    [Fact]
    public async Task SaveAsync_with_the_current_version_stores_the_change_and_increments_the_version()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), []);
        var ticket = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        ticket.Accept("ana", AcceptedAtDefault);
        ticket.RecordAgentReply("ana", FirstResponseAtDefault);

        Assert.True(await store.SaveAsync(ticket));

        var accepted = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        Assert.Equal(2, accepted.Version);
        Assert.Equal(TicketStatus.InProgress, accepted.Status);
        Assert.Equal("ana", accepted.AssigneeId);
        Assert.Equal(AcceptedAtDefault, accepted.AcceptedAt);
        Assert.Equal(FirstResponseAtDefault, accepted.FirstResponseAt);
        Assert.Null(accepted.ResolvedAt);
    }

    [Fact]
    public async Task SaveAsync_stores_resolution_and_closing_times_version_after_version()
    {
        var store = await CreateStoreAsync();
        var opened = await store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), []);
        await ResolveAsync(store, opened.Ticket.Id, "ana");
        var ticket = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        ticket.Close(ClosedAtDefault);

        Assert.True(await store.SaveAsync(ticket));

        var closed = (await store.GetAsync(Acme, opened.Ticket.Id))!;
        Assert.Equal(4, closed.Version);
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.Equal(ResolvedAtDefault, closed.ResolvedAt);
        Assert.Equal(ClosedAtDefault, closed.ClosedAt);
        Assert.Equal("ana", closed.AssigneeId);
    }

    private static async Task AcceptAsync(ITicketStore store, TicketId id, string agentId)
    {
        var ticket = (await store.GetAsync(Acme, id))!;
        Assert.True(ticket.Accept(agentId, AcceptedAtDefault).Succeeded);
        Assert.True(await store.SaveAsync(ticket));
    }

    private static async Task ResolveAsync(ITicketStore store, TicketId id, string agentId)
    {
        await AcceptAsync(store, id, agentId);
        var ticket = (await store.GetAsync(Acme, id))!;
        Assert.True(ticket.Resolve(agentId, ResolvedAtDefault).Succeeded);
        Assert.True(await store.SaveAsync(ticket));
    }

    private static void AssertOpenedFrom(NewTicket request, Ticket ticket)
    {
        Assert.Equal(request.TenantId, ticket.TenantId);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(1, ticket.Version);
        Assert.Equal(request.Level, ticket.Level);
        Assert.Equal(request.Queue, ticket.Queue);
        Assert.Equal(request.Skills, ticket.Skills);
        Assert.Equal(request.ConversationRef, ticket.ConversationRef);
        Assert.Equal(request.Channel, ticket.Channel);
        Assert.Equal(request.CustomerName, ticket.CustomerName);
        Assert.Equal(request.ReasonCode, ticket.ReasonCode);
        Assert.True(JsonElement.DeepEquals(request.Handoff, ticket.Handoff),
            $"Handoff JSON changed: {request.Handoff.GetRawText()} became {ticket.Handoff.GetRawText()}");
        Assert.Equal(request.OpenedAt, ticket.OpenedAt);
        Assert.Null(ticket.AssigneeId);
        Assert.Null(ticket.AcceptedAt);
        Assert.Null(ticket.FirstResponseAt);
        Assert.Null(ticket.ResolvedAt);
        Assert.Null(ticket.ClosedAt);
    }
}
