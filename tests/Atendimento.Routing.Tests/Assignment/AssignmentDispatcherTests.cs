using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Assignment.RoutingEngine;

namespace Atendimento.Routing.Tests.Assignment;

/// <summary>Push mode over the in-memory stores with the fake clock: who gets what, in which order, and what is audited.</summary>
public sealed class AssignmentDispatcherTests
{
    [Fact]
    public async Task Push_serves_priority_then_deadline_then_age_until_capacity_runs_out()
    {
        var engine = new RoutingEngine();
        var normalOld = await engine.QueueAsync(priority: TicketPriority.Normal);
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var highNoDeadline = await engine.QueueAsync(priority: TicketPriority.High);
        var highDueSoon = await engine.QueueAsync(priority: TicketPriority.High, dueAt: engine.Clock.GetUtcNow().AddMinutes(5));
        var lowOldest = await engine.QueueAsync(priority: TicketPriority.Low);
        await engine.OnlineAsync(AnAgent("ana", capacity: 3));

        await engine.DispatchAsync();

        Assert.Equal(TicketStatus.Assigned, (await engine.GetAsync(highDueSoon)).Status);
        Assert.Equal(TicketStatus.Assigned, (await engine.GetAsync(highNoDeadline)).Status);
        Assert.Equal(TicketStatus.Assigned, (await engine.GetAsync(normalOld)).Status);
        Assert.Equal(TicketStatus.Open, (await engine.GetAsync(lowOldest)).Status);
        Assert.Equal(3, (await engine.Roster.GetAsync(Acme, "ana"))!.Load);
    }

    [Fact]
    public async Task Push_spreads_by_spare_capacity_and_skips_agents_who_do_not_fit()
    {
        var engine = new RoutingEngine();
        await engine.OnlineAsync(AnAgent("ana", SupportLevel.N1, 2, "financeiro"));
        await engine.OnlineAsync(AnAgent("bruno", SupportLevel.N1, 4, "financeiro"));
        await engine.OnlineAsync(AnAgent("carla", SupportLevel.N2, 9, "financeiro"));
        await engine.OnlineAsync(AnAgent("davi", SupportLevel.N1, 9, "geral"));
        var tickets = new List<Ticket>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(await engine.QueueAsync(skills: "financeiro"));
        }

        await engine.DispatchAsync();

        var assignees = (await Task.WhenAll(tickets.Select(engine.GetAsync))).Select(t => t.AssigneeId).ToList();
        Assert.Equal(["bruno", "bruno", "ana", "bruno", "ana", "bruno"], assignees);
    }

    [Fact]
    public async Task Away_and_offline_agents_get_nothing_and_coming_online_makes_them_eligible()
    {
        var engine = new RoutingEngine();
        var ana = AnAgent("ana");
        await engine.Directory.UpsertAsync(ana, null);
        await engine.Presence.SetAsync(Acme, "ana", AgentPresence.Away);
        var ticket = await engine.QueueAsync();

        await engine.DispatchAsync();
        Assert.Equal(TicketStatus.Open, (await engine.GetAsync(ticket)).Status);

        await engine.Presence.SetAsync(Acme, "ana", AgentPresence.Online);
        await engine.DispatchAsync();

        var assigned = await engine.GetAsync(ticket);
        Assert.Equal((TicketStatus.Assigned, "ana"), (assigned.Status, assigned.AssigneeId));
        var line = Assert.Single(await engine.Store.GetAuditAsync(Acme, ticket.Id)).Entry;
        Assert.Equal((TicketAction.Assign, ActorKind.System, RoutingReasons.Push), (line.Action, line.Actor.Kind, line.Reason));
    }

    [Fact]
    public async Task A_pick_queue_is_never_pushed_but_its_tickets_can_be_picked()
    {
        var engine = new RoutingEngine(new AssignmentOptions { Queues = [new QueueOptions { Name = "retencao", Mode = QueueMode.Pick }] });
        var ana = await engine.OnlineAsync(AnAgent("ana"));
        var picked = await engine.QueueAsync(queue: "retencao");

        await engine.DispatchAsync();
        Assert.Equal(TicketStatus.Open, (await engine.GetAsync(picked)).Status);

        var result = await engine.Picker.NextAsync(ana);
        Assert.Equal((picked.Id, TicketStatus.InProgress, "ana"), (result.Ticket!.Id, result.Ticket.Status, result.Ticket.AssigneeId));
    }

    [Fact]
    public async Task Going_offline_returns_unaccepted_tickets_to_their_queue_audited_and_keeps_accepted_ones()
    {
        var engine = new RoutingEngine();
        var ana = await engine.OnlineAsync(AnAgent("ana", capacity: 2));
        var waiting = await engine.QueueAsync();
        var accepted = await engine.QueueAsync();
        await engine.DispatchAsync();
        await engine.Tickets.AcceptAsync(ana, accepted.Id);

        var status = await engine.Presence.SetAsync(Acme, "ana", AgentPresence.Offline);

        Assert.Equal((AgentPresence.Offline, 1), (status!.Presence, status.Load));
        var returned = await engine.GetAsync(waiting);
        Assert.Equal((TicketStatus.Open, null, "geral"), (returned.Status, returned.AssigneeId, returned.Queue));
        var line = (await engine.Store.GetAuditAsync(Acme, waiting.Id))[^1].Entry;
        Assert.Equal((TicketAction.TransferToQueue, ActorKind.System, RoutingReasons.AgentOffline, TicketStatus.Assigned, TicketStatus.Open),
            (line.Action, line.Actor.Kind, line.Reason, line.StatusFrom, line.StatusTo));
        Assert.Equal((TicketStatus.InProgress, "ana"), ((await engine.GetAsync(accepted)).Status, (await engine.GetAsync(accepted)).AssigneeId));
    }

    [Fact]
    public async Task The_sweep_returns_a_ticket_assigned_to_an_agent_who_is_offline_by_now()
    {
        var engine = new RoutingEngine();
        var ana = await engine.OnlineAsync(AnAgent("ana"));
        var ticket = await engine.QueueAsync();
        await engine.PresenceStore.SetAsync(Acme, "ana", AgentPresence.Offline, engine.Clock.GetUtcNow());
        await engine.Tickets.AssignByRoutingAsync(ana, ticket.Id); // raced the presence change

        await engine.Dispatcher.DispatchAsync(Acme, sweep: true);

        Assert.Equal(TicketStatus.Open, (await engine.GetAsync(ticket)).Status);
    }

    [Fact]
    public async Task A_ticket_overdue_in_its_queue_escalates_once_to_the_next_level_queue_as_the_system()
    {
        var options = new AssignmentOptions
        {
            Queues = [new QueueOptions { Name = "geral", MaxWait = TimeSpan.FromMinutes(5), Overflow = OverflowTarget.NextLevel }],
        };
        var engine = new RoutingEngine(options);
        var ticket = await engine.QueueAsync(level: SupportLevel.N1);
        engine.Clock.Advance(TimeSpan.FromMinutes(5));
        await engine.DispatchAsync();
        Assert.Equal(SupportLevel.N1, (await engine.GetAsync(ticket)).Level);

        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.DispatchAsync();
        engine.Clock.Advance(TimeSpan.FromHours(1));
        await engine.DispatchAsync();

        var moved = await engine.GetAsync(ticket);
        Assert.Equal((SupportLevel.N2, "n2-especialistas", TicketStatus.Open), (moved.Level, moved.Queue, moved.Status));
        var line = Assert.Single(await engine.Store.GetAuditAsync(Acme, ticket.Id)).Entry;
        Assert.Equal((TicketAction.Escalate, ActorKind.System, RoutingReasons.QueueOverflow), (line.Action, line.Actor.Kind, line.Reason));
    }

    [Fact]
    public async Task An_overflowed_ticket_re_enters_assignment_in_its_fallback_queue()
    {
        var options = new AssignmentOptions
        {
            Queues =
            [
                new QueueOptions { Name = "geral", Mode = QueueMode.Pick, MaxWait = TimeSpan.FromMinutes(2), Overflow = OverflowTarget.FallbackQueue, FallbackQueue = "reserva" },
            ],
        };
        var engine = new RoutingEngine(options);
        await engine.OnlineAsync(AnAgent("ana"));
        var ticket = await engine.QueueAsync(queue: "geral");
        await engine.DispatchAsync();
        Assert.Equal(TicketStatus.Open, (await engine.GetAsync(ticket)).Status);

        engine.Clock.Advance(TimeSpan.FromMinutes(3));
        await engine.DispatchAsync();

        var assigned = await engine.GetAsync(ticket);
        Assert.Equal(("reserva", TicketStatus.Assigned, "ana"), (assigned.Queue, assigned.Status, assigned.AssigneeId));
        var actions = (await engine.Store.GetAuditAsync(Acme, ticket.Id)).Select(a => (a.Entry.Action, a.Entry.Reason)).ToList();
        Assert.Equal([(TicketAction.TransferToQueue, RoutingReasons.QueueOverflow), (TicketAction.Assign, RoutingReasons.Push)], actions);
    }

    [Fact]
    public async Task The_wait_restarts_when_a_ticket_is_put_back_in_a_queue()
    {
        var options = new AssignmentOptions
        {
            Queues = [new QueueOptions { Name = "geral", MaxWait = TimeSpan.FromMinutes(5), Overflow = OverflowTarget.NextLevel }],
        };
        var engine = new RoutingEngine(options);
        var ana = await engine.OnlineAsync(AnAgent("ana"));
        var ticket = await engine.QueueAsync();
        await engine.DispatchAsync();
        engine.Clock.Advance(TimeSpan.FromMinutes(4));
        await engine.Presence.SetAsync(Acme, ana.Id, AgentPresence.Offline);

        engine.Clock.Advance(TimeSpan.FromMinutes(4));
        await engine.DispatchAsync();

        Assert.Equal(SupportLevel.N1, (await engine.GetAsync(ticket)).Level);
    }

    [Fact]
    public async Task Tickets_nobody_can_serve_at_the_head_of_the_queue_do_not_hide_the_ones_behind_them()
    {
        var engine = new RoutingEngine(new AssignmentOptions { BatchSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            await engine.QueueAsync(level: SupportLevel.N3, priority: TicketPriority.Urgent);
        }
        var servable = await engine.QueueAsync(level: SupportLevel.N1, priority: TicketPriority.Low);
        await engine.OnlineAsync(AnAgent("ana", SupportLevel.N1));

        await engine.DispatchAsync();

        Assert.Equal((TicketStatus.Assigned, "ana"), ((await engine.GetAsync(servable)).Status, (await engine.GetAsync(servable)).AssigneeId));
    }
}
