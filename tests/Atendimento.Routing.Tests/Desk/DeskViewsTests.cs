using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Desk.Tickets;
using Atendimento.Routing.Sla;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>What the desk's lists, the supervisor view and the canned responses compute from tickets.</summary>
public sealed class DeskViewsTests
{
    private static readonly DateTimeOffset Opened = OpenedAtDefault;
    private static readonly BusinessCalendar Always = BusinessCalendar.AlwaysOpen;

    [Fact]
    public void The_inbox_of_an_agent_queues_what_their_level_can_take_and_lists_what_they_hold()
    {
        Ticket[] active =
        [
            ATicket().WithId(1).AtLevel(SupportLevel.N1).Build(),
            ATicket().WithId(2).AtLevel(SupportLevel.N3).Build(),
            ATicket().WithId(3).InStatus(TicketStatus.Assigned).AssignedTo("davi").Build(),
            ATicket().WithId(4).InStatus(TicketStatus.Assigned).AssignedTo("ana").Build(),
            ATicket().WithId(5).InStatus(TicketStatus.InProgress).AssignedTo("davi").Build(),
            ATicket().WithId(6).InStatus(TicketStatus.WaitingOnCustomer).AssignedTo("ana").Build(),
        ];

        var agent = DeskInbox.For(active, Tickets.Agents.Davi, seesAll: false, 0.7);
        var supervisor = DeskInbox.For(active, null, seesAll: true, 0.7);

        Assert.Equal([1L, 3], agent.Queue.Select(t => t.Id));
        Assert.Equal([5L], agent.Mine.Select(t => t.Id));
        Assert.Equal([1L, 2, 3, 4], supervisor.Queue.Select(t => t.Id));
        Assert.Equal([5L, 6], supervisor.Mine.Select(t => t.Id));
    }

    [Fact]
    public void The_supervisor_view_counts_queues_with_their_oldest_wait_and_shows_each_agent_s_load_and_presence()
    {
        Ticket[] active =
        [
            ATicket().WithId(1).OpenedAt(Opened).Build(),
            ATicket().WithId(2).OpenedAt(Opened.AddMinutes(5)).Build(),
            ATicket().WithId(3).InStatus(TicketStatus.InProgress).AssignedTo("ana").Build(),
        ];

        AgentStatus[] agents =
        [
            new(Tickets.Agents.Ana, AgentPresence.Online, Opened, Load: 1, LastAssignedAt: null),
            new(Tickets.Agents.Bruno, AgentPresence.Away, Opened, Load: 0, LastAssignedAt: null),
        ];

        var view = SupervisorOverview.Of(active, agents, Opened.AddMinutes(10), 0.7, Always);

        var queue = Assert.Single(view.Queues);
        Assert.Equal(("n2-internet", 2, TimeSpan.FromMinutes(10)), (queue.Queue, queue.Count, queue.OldestWait));
        Assert.Equal([("ana", 1, 3, "Online"), ("bruno", 0, 3, "Away")], view.Agents.Select(a => (a.Id, a.Load, a.Capacity, a.Presence)));
    }

    [Fact]
    public void A_ticket_without_clocks_is_at_risk_past_the_warning_point_of_its_stored_due_times()
    {
        var ticket = ATicket().OpenedAt(Opened).Build();
        ticket.FirstResponseDueAt = Opened.AddMinutes(10);
        ticket.ResolutionDueAt = Opened.AddHours(4);

        Assert.Null(TicketAtRisk.Of(ticket, Opened.AddMinutes(6), 0.7, Always));
        var warned = TicketAtRisk.Of(ticket, Opened.AddMinutes(7), 0.7, Always)!;
        Assert.Equal(("first_response", false), (warned.Target, warned.Breached));
        Assert.True(TicketAtRisk.Of(ticket, Opened.AddMinutes(10), 0.7, Always)!.Breached);

        ticket.FirstResponseAt = Opened.AddMinutes(2);
        Assert.Null(TicketAtRisk.Of(ticket, Opened.AddMinutes(11), 0.7, Always));
        Assert.Equal("resolution", TicketAtRisk.Of(ticket, Opened.AddHours(3), 0.7, Always)!.Target);
    }

    [Fact]
    public void The_risk_follows_the_resolution_clock_so_a_wait_on_the_customer_moves_the_warning_and_the_due_time()
    {
        var ticket = ATicket().OpenedAt(Opened).Build();
        ticket.FirstResponseAt = Opened.AddMinutes(1);
        ticket.ResolutionClock = SlaClock.Start(TimeSpan.FromMinutes(60), Opened).Pause(Opened.AddMinutes(30), Always);

        // Paused after 30 of 60 minutes: counted from the opening it would warn at 42 minutes; it is not at risk.
        Assert.Null(TicketAtRisk.Of(ticket, Opened.AddMinutes(50), 0.7, Always));

        ticket.ResolutionClock = ticket.ResolutionClock.Resume(Opened.AddMinutes(100));
        Assert.Null(TicketAtRisk.Of(ticket, Opened.AddMinutes(111), 0.7, Always));
        var warned = TicketAtRisk.Of(ticket, Opened.AddMinutes(112), 0.7, Always)!;
        Assert.Equal(("resolution", Opened.AddMinutes(130), false), (warned.Target, warned.DueAt, warned.Breached));
        Assert.True(TicketAtRisk.Of(ticket, Opened.AddMinutes(130), 0.7, Always)!.Breached);
    }

    [Fact]
    public void Canned_responses_get_the_customer_s_first_name_the_agent_and_the_protocol_and_keep_unknown_braces()
    {
        var ticket = ATicket().WithId(42).Build();

        var text = CannedResponses.Fill("Olá, {nome}! Sou {agente}. Protocolo {protocolo}. {outro}", ticket, "Ana Souza");

        Assert.Equal("Olá, Maria! Sou Ana Souza. Protocolo 42. {outro}", text);
        Assert.StartsWith("Olá, cliente!", CannedResponses.Fill("Olá, {nome}!", ATicket().WithoutCustomerName().Build(), null), StringComparison.Ordinal);
    }
}
