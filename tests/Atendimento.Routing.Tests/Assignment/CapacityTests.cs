using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Assignment.RoutingEngine;

namespace Atendimento.Routing.Tests.Assignment;

/// <summary>Agents' own commands respect capacity too: accept, assign and transfer to an agent who is full are refused.</summary>
public sealed class CapacityTests
{
    private readonly RoutingEngine _engine = new();

    [Fact]
    public async Task Accept_assign_and_transfer_to_a_full_agent_are_refused_and_leave_the_ticket_alone()
    {
        var ana = AnAgent("ana", capacity: 1);
        var bruno = AnAgent("bruno", capacity: 5);
        await _engine.Directory.UpsertAsync(ana, null);
        await _engine.Directory.UpsertAsync(bruno, null);
        var held = await _engine.QueueAsync();
        Assert.Equal(TicketCommandOutcome.Done, (await _engine.Tickets.AcceptAsync(ana, held.Id)).Outcome);
        var queued = await _engine.QueueAsync();
        var withBruno = await _engine.QueueAsync();
        await _engine.Tickets.AcceptAsync(bruno, withBruno.Id);

        var accept = await _engine.Tickets.AcceptAsync(ana, queued.Id);
        var assign = await _engine.Tickets.AssignAsync(bruno, queued.Id, "ana", null);
        var transfer = await _engine.Tickets.TransferToAgentAsync(bruno, withBruno.Id, "ana", null);

        Assert.All([accept, assign, transfer], r => Assert.Equal(TicketCommandOutcome.AtCapacity, r.Outcome));
        Assert.Contains("capacity", accept.Reason, StringComparison.Ordinal);
        Assert.Equal((TicketStatus.Open, 1), ((await _engine.GetAsync(queued)).Status, (await _engine.GetAsync(queued)).Version));
        Assert.Equal("bruno", (await _engine.GetAsync(withBruno)).AssigneeId);
    }

    [Fact]
    public async Task Accepting_a_ticket_already_assigned_to_you_needs_no_spare_capacity()
    {
        var ana = AnAgent("ana", capacity: 1);
        await _engine.OnlineAsync(ana);
        var ticket = await _engine.QueueAsync();
        await _engine.DispatchAsync();
        Assert.Equal(TicketStatus.Assigned, (await _engine.GetAsync(ticket)).Status);

        var accepted = await _engine.Tickets.AcceptAsync(ana, ticket.Id);

        Assert.Equal((TicketCommandOutcome.Done, TicketStatus.InProgress), (accepted.Outcome, accepted.Ticket!.Status));
    }

    [Fact]
    public async Task Resolving_frees_capacity_and_the_next_queued_ticket_goes_to_the_agent()
    {
        var ana = await _engine.OnlineAsync(AnAgent("ana", capacity: 1));
        var first = await _engine.QueueAsync();
        var second = await _engine.QueueAsync();
        await _engine.DispatchAsync();
        Assert.Equal(TicketStatus.Open, (await _engine.GetAsync(second)).Status);

        await _engine.Tickets.AcceptAsync(ana, first.Id);
        await _engine.Tickets.ResolveAsync(ana, first.Id);
        await _engine.DispatchAsync();

        Assert.Equal((TicketStatus.Assigned, "ana"), ((await _engine.GetAsync(second)).Status, (await _engine.GetAsync(second)).AssigneeId));
    }

    [Fact]
    public async Task Pick_refuses_an_agent_at_capacity_and_finds_nothing_in_an_empty_queue()
    {
        var ana = AnAgent("ana", capacity: 1);
        await _engine.Directory.UpsertAsync(ana, null);

        Assert.Equal(PickNothing, await _engine.Picker.NextAsync(ana));
        var ticket = await _engine.QueueAsync();
        Assert.Equal(ticket.Id, (await _engine.Picker.NextAsync(ana)).Ticket!.Id);
        await _engine.QueueAsync();
        var refused = await _engine.Picker.NextAsync(ana);

        Assert.Null(refused.Ticket);
        Assert.Contains("capacity", refused.Refusal, StringComparison.Ordinal);
    }

    private static readonly Atendimento.Routing.Assignment.PickResult PickNothing = Atendimento.Routing.Assignment.PickResult.Empty;
}
