using System.Text.Json;
using Atendimento.Platform.Messaging;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Tests.Delivery;
using Atendimento.Routing.Tests.Tickets;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>The ticket service tells the desk feed what it changed, for the right audience, once per change.</summary>
public sealed class DeskTicketEventsTests
{
    private static readonly TenantId Acme = Tickets.Agents.Acme;

    private readonly FakeTimeProvider _clock = new();
    private readonly InMemoryTicketStore _store = new();
    private readonly InMemoryDeskEventLog _log = new();
    private readonly InMemoryAgentDirectory _agents = new();
    private readonly DeskTicketEvents _events;
    private readonly TicketService _service;

    public DeskTicketEventsTests()
    {
        _events = new DeskTicketEvents(new DeskFeed(_log, new InMemoryMessageBus(), _clock), NullLogger<DeskTicketEvents>.Instance);
        _service = TicketServices.Create(_store, new RecordingCustomerConversations(), _clock, _agents, events: _events);
    }

    [Fact]
    public async Task Accept_reply_note_and_resolve_each_reach_the_feed_in_order_for_the_agent_who_holds_the_ticket()
    {
        var id = await OpenTicketAsync();

        await _service.AcceptAsync(Tickets.Agents.Ana, id);
        await _service.ReplyAsync(Tickets.Agents.Ana, id, "Olá, Maria!");
        await _service.AddNoteAsync(Tickets.Agents.Ana, id, "cliente já ligou ontem");
        await _service.ResolveAsync(Tickets.Agents.Ana, id, "resolvido");

        var feed = (await _log.ReadAfterAsync(Acme, 0, 100)).Where(e => e.Kind != DeskEventKinds.TicketUpdated).ToList();
        Assert.Equal(
            [DeskEventKinds.TicketAssignment, DeskEventKinds.AgentMessage, DeskEventKinds.InternalNote, DeskEventKinds.TicketStatus, DeskEventKinds.SystemMessage],
            feed.Select(e => e.Kind));
        Assert.All(feed, e => Assert.Equal((id.Value, "ana"), (e.TicketId!.Value, e.Audience.AssigneeId)));
        using var reply = JsonDocument.Parse(feed[1].Payload);
        Assert.Equal("Olá, Maria!", reply.RootElement.GetProperty("text").GetString());
        using var resolved = JsonDocument.Parse(feed[3].Payload);
        Assert.Equal(("InProgress", "Resolved"), (resolved.RootElement.GetProperty("statusFrom").GetString(), resolved.RootElement.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_transfer_is_an_assignment_event_for_the_new_holder_and_the_one_before()
    {
        var id = await OpenTicketAsync();
        await _agents.UpsertAsync(Tickets.Agents.Bruno, null);
        await _service.AcceptAsync(Tickets.Agents.Ana, id);

        await _service.TransferToAgentAsync(Tickets.Agents.Ana, id, "bruno", "fica com o Bruno");

        var transfer = (await _log.ReadAfterAsync(Acme, 0, 100))[^1];
        Assert.Equal(DeskEventKinds.TicketAssignment, transfer.Kind);
        Assert.Equal(new DeskAudience(SupportLevel.N2, "n2-internet", "bruno", "ana"), transfer.Audience);
    }

    [Fact]
    public async Task A_refused_command_writes_nothing_and_telling_the_same_change_twice_adds_it_once()
    {
        var id = await OpenTicketAsync();
        await _service.ReplyAsync(Tickets.Agents.Ana, id, "ainda não aceitei");
        Assert.Empty(await _log.ReadAfterAsync(Acme, 0, 100));

        var accepted = await _service.AcceptAsync(Tickets.Agents.Ana, id);
        await _events.ChangedAsync(accepted.Ticket!, TransitionResult.Done(TicketStatus.Open, TicketStatus.InProgress,
            new TicketChange(TicketAction.Accept, null, "ana")), previousAssigneeId: null);
        var ticket = (await _store.GetAsync(Acme, id))!;
        await _events.OpenedAsync(ticket);
        await _events.OpenedAsync(ticket);

        Assert.Equal([DeskEventKinds.TicketAssignment, DeskEventKinds.TicketOpened], (await _log.ReadAfterAsync(Acme, 0, 100)).Select(e => e.Kind));
    }

    private async Task<TicketId> OpenTicketAsync() =>
        (await _store.OpenAsync(ATicket().ForTenant(Acme).BuildRequest(), Transcript(OpenedAtDefault, "sem internet", "Vou chamar um atendente."))).Ticket.Id;
}
