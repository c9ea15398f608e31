using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Desk.Tickets;
using Atendimento.Routing.Tickets;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>What the desk's lists, the supervisor view and the canned responses compute from tickets.</summary>
public sealed class DeskViewsTests
{
    private static readonly DateTimeOffset Opened = OpenedAtDefault;

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

        var view = SupervisorOverview.Of(active, agents, Opened.AddMinutes(10), 0.7);

        var queue = Assert.Single(view.Queues);
        Assert.Equal(("n2-internet", 2, TimeSpan.FromMinutes(10)), (queue.Queue, queue.Count, queue.OldestWait));
        Assert.Equal([("ana", 1, 3, "Online"), ("bruno", 0, 3, "Away")], view.Agents.Select(a => (a.Id, a.Load, a.Capacity, a.Presence)));
    }

    [Fact]
    public void A_ticket_is_at_risk_past_the_warning_point_of_its_next_target_and_breached_past_the_due_time()
    {
        var ticket = ATicket().OpenedAt(Opened).Build();
        ticket.FirstResponseDueAt = Opened.AddMinutes(10);
        ticket.ResolutionDueAt = Opened.AddHours(4);

        Assert.Null(TicketAtRisk.Of(ticket, Opened.AddMinutes(6), 0.7));
        var warned = TicketAtRisk.Of(ticket, Opened.AddMinutes(7), 0.7)!;
        Assert.Equal(("first_response", false), (warned.Target, warned.Breached));
        Assert.True(TicketAtRisk.Of(ticket, Opened.AddMinutes(10), 0.7)!.Breached);

        ticket.FirstResponseAt = Opened.AddMinutes(2);
        Assert.Null(TicketAtRisk.Of(ticket, Opened.AddMinutes(11), 0.7));
        Assert.Equal("resolution", TicketAtRisk.Of(ticket, Opened.AddHours(3), 0.7)!.Target);
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
