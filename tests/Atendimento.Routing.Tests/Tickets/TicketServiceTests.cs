using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Tests.Delivery;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Tickets;

public sealed class TicketServiceTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly Agent Ana = new(Acme, "ana", "Ana Souza", SupportLevel.N2, ["internet"], 3);
    private static readonly Agent Bruno = new(Acme, "bruno", "Bruno Lima", SupportLevel.N2, ["internet"], 3);
    private static readonly Agent GlobexAna = Ana with { TenantId = new TenantId("globex") };

    private readonly FakeTimeProvider _clock = new();
    private readonly InMemoryTicketStore _store = new();
    private readonly RecordingCustomerConversations _customers = new();

    [Fact]
    public async Task AcceptAsync_assigns_the_ticket_and_notifies_the_customer_once_with_the_accepted_ticket()
    {
        var id = await OpenTicketAsync();

        var result = await Service().AcceptAsync(Ana, id);

        Assert.Equal(TicketCommandOutcome.Done, result.Outcome);
        Assert.Equal(TicketStatus.InProgress, result.Ticket!.Status);
        Assert.Equal(2, result.Ticket.Version);
        var (notified, agent) = Assert.Single(_customers.Accepted);
        Assert.Equal(id, notified.Id);
        Assert.Equal(TicketStatus.InProgress, notified.Status);
        Assert.Equal("ana", notified.AssigneeId);
        Assert.Equal(_clock.GetUtcNow(), notified.AcceptedAt);
        Assert.Equal(Ana, agent);
        var stored = (await _store.GetAsync(Acme, id))!;
        Assert.Equal("ana", stored.AssigneeId);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task AcceptAsync_of_a_ticket_another_agent_accepted_is_refused_with_a_reason_and_does_not_notify()
    {
        var id = await OpenTicketAsync();
        await Service().AcceptAsync(Ana, id);

        var result = await Service().AcceptAsync(Bruno, id);

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.Contains("InProgress", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Ticket);
        Assert.Single(_customers.Accepted);
        Assert.Equal("ana", (await _store.GetAsync(Acme, id))!.AssigneeId);
    }

    [Fact]
    public async Task ReplyAsync_before_the_ticket_is_accepted_is_refused_and_neither_logs_nor_delivers()
    {
        var id = await OpenTicketAsync();

        var result = await Service().ReplyAsync(Ana, id, "Olá, Maria!");

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Equal(2, (await _store.GetMessagesAsync(Acme, id)).Count);
        Assert.Empty(_customers.Delivered);
    }

    [Fact]
    public async Task ReplyAsync_by_an_agent_other_than_the_assignee_is_refused_and_neither_logs_nor_delivers()
    {
        var id = await OpenTicketAsync();
        await Service().AcceptAsync(Ana, id);

        var result = await Service().ReplyAsync(Bruno, id, "Posso ajudar?");

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.Contains("another agent", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await _store.GetMessagesAsync(Acme, id)).Count);
        Assert.Empty(_customers.Delivered);
    }

    [Fact]
    public async Task ReplyAsync_by_the_assignee_logs_an_agent_message_delivers_it_once_and_sets_the_first_response_time()
    {
        var id = await OpenTicketAsync();
        await Service().AcceptAsync(Ana, id);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var repliedAt = _clock.GetUtcNow();

        var result = await Service().ReplyAsync(Ana, id, "Olá, Maria! Vou verificar a sua conexão.");

        Assert.Equal(TicketCommandOutcome.Done, result.Outcome);
        var expected = new TicketMessage(id, 3, MessageAuthor.Agent, "ana", "Olá, Maria! Vou verificar a sua conexão.", repliedAt);
        Assert.Equal(expected, result.Message);
        Assert.Equal(expected, (await _store.GetMessagesAsync(Acme, id))[^1]);
        var (ticket, agent, delivered) = Assert.Single(_customers.Delivered);
        Assert.Equal(expected, delivered);
        Assert.Equal(Ana, agent);
        Assert.Equal(id, ticket.Id);
        Assert.Equal(repliedAt, (await _store.GetAsync(Acme, id))!.FirstResponseAt);
    }

    [Fact]
    public async Task ReplyAsync_a_second_time_keeps_the_first_response_time()
    {
        var id = await OpenTicketAsync();
        await Service().AcceptAsync(Ana, id);
        await Service().ReplyAsync(Ana, id, "Olá!");
        var firstResponseAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(4));

        var result = await Service().ReplyAsync(Ana, id, "Conseguiu reiniciar o modem?");

        Assert.Equal(4, result.Message!.Sequence);
        Assert.Equal(firstResponseAt, (await _store.GetAsync(Acme, id))!.FirstResponseAt);
        Assert.Equal(2, _customers.Delivered.Count);
    }

    [Fact]
    public async Task ResolveAsync_resolves_the_ticket_appends_a_system_message_and_notifies_the_customer()
    {
        var id = await OpenTicketAsync();
        await Service().AcceptAsync(Ana, id);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var result = await Service().ResolveAsync(Ana, id);

        Assert.Equal(TicketCommandOutcome.Done, result.Outcome);
        Assert.Equal(TicketStatus.Resolved, result.Ticket!.Status);
        var stored = (await _store.GetAsync(Acme, id))!;
        Assert.Equal(TicketStatus.Resolved, stored.Status);
        Assert.Equal(_clock.GetUtcNow(), stored.ResolvedAt);
        var note = (await _store.GetMessagesAsync(Acme, id))[^1];
        Assert.Equal(3, note.Sequence);
        Assert.Equal(MessageAuthor.System, note.Author);
        Assert.Equal("ana", note.AuthorId);
        Assert.Equal(_clock.GetUtcNow(), note.At);
        var resolved = Assert.Single(_customers.Resolved);
        Assert.Equal(id, resolved.Id);
        Assert.Equal(TicketStatus.Resolved, resolved.Status);
    }

    [Fact]
    public async Task ResolveAsync_by_an_agent_other_than_the_assignee_is_refused_and_does_not_notify()
    {
        var id = await OpenTicketAsync();
        await Service().AcceptAsync(Ana, id);

        var result = await Service().ResolveAsync(Bruno, id);

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.Contains("another agent", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_customers.Resolved);
        Assert.Equal(2, (await _store.GetMessagesAsync(Acme, id)).Count);
        Assert.Equal(TicketStatus.InProgress, (await _store.GetAsync(Acme, id))!.Status);
    }

    [Fact]
    public async Task Commands_on_an_unknown_ticket_are_NotFound_and_notify_nobody()
    {
        var unknown = new TicketId(987_654);

        var accept = await Service().AcceptAsync(Ana, unknown);
        var reply = await Service().ReplyAsync(Ana, unknown, "Olá");
        var resolve = await Service().ResolveAsync(Ana, unknown);

        Assert.All([accept, reply, resolve], result => Assert.Equal(TicketCommandOutcome.NotFound, result.Outcome));
        AssertNobodyNotified();
    }

    [Fact]
    public async Task Commands_on_another_tenants_ticket_are_NotFound_and_change_nothing()
    {
        var id = await OpenTicketAsync();

        var accept = await Service().AcceptAsync(GlobexAna, id);
        var reply = await Service().ReplyAsync(GlobexAna, id, "Olá");
        var resolve = await Service().ResolveAsync(GlobexAna, id);

        Assert.All([accept, reply, resolve], result => Assert.Equal(TicketCommandOutcome.NotFound, result.Outcome));
        AssertNobodyNotified();
        var stored = (await _store.GetAsync(Acme, id))!;
        Assert.Equal(TicketStatus.Open, stored.Status);
        Assert.Equal(1, stored.Version);
        Assert.Equal(2, (await _store.GetMessagesAsync(Acme, id)).Count);
    }

    [Fact]
    public async Task AcceptAsync_retries_after_a_concurrent_write_and_succeeds_on_the_fresh_version()
    {
        var id = await OpenTicketAsync();
        var contended = new ContendedTicketStore(_store, _ => { }) { CompetingWrites = 1 };

        var result = await Service(contended).AcceptAsync(Ana, id);

        Assert.Equal(TicketCommandOutcome.Done, result.Outcome);
        Assert.Equal(2, contended.SaveAttempts);
        Assert.Equal(3, result.Ticket!.Version);
        var stored = (await _store.GetAsync(Acme, id))!;
        Assert.Equal("ana", stored.AssigneeId);
        Assert.Equal(3, stored.Version);
        Assert.Single(_customers.Accepted);
    }

    [Fact]
    public async Task AcceptAsync_that_loses_the_race_to_another_agent_is_refused_on_retry_and_does_not_notify()
    {
        var id = await OpenTicketAsync();
        var contended = new ContendedTicketStore(_store, theirs => theirs.Accept("bruno", _clock.GetUtcNow())) { CompetingWrites = 1 };

        var result = await Service(contended).AcceptAsync(Ana, id);

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.Contains("InProgress", result.Reason, StringComparison.Ordinal);
        Assert.Equal("bruno", (await _store.GetAsync(Acme, id))!.AssigneeId);
        Assert.Empty(_customers.Accepted);
    }

    [Fact]
    public async Task AcceptAsync_gives_up_with_a_refusal_when_other_writers_keep_winning()
    {
        var id = await OpenTicketAsync();
        var contended = new ContendedTicketStore(_store, _ => { }) { CompetingWrites = int.MaxValue };

        var result = await Service(contended).AcceptAsync(Ana, id);

        Assert.Equal(TicketCommandOutcome.Refused, result.Outcome);
        Assert.Contains("try again", result.Reason, StringComparison.Ordinal);
        Assert.True(contended.SaveAttempts > 1, "the service should retry before giving up");
        Assert.Equal(TicketStatus.Open, (await _store.GetAsync(Acme, id))!.Status);
        Assert.Empty(_customers.Accepted);
    }

    private TicketService Service(ITicketStore? store = null) => TicketServices.Create(store ?? _store, _customers, _clock);

    private async Task<TicketId> OpenTicketAsync()
    {
        var opened = await _store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "sem internet", "Vou chamar um atendente."));
        return opened.Ticket.Id;
    }

    private void AssertNobodyNotified()
    {
        Assert.Empty(_customers.Accepted);
        Assert.Empty(_customers.Delivered);
        Assert.Empty(_customers.Resolved);
    }
}
