using Atendimento.Routing.Agents;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using static Atendimento.Routing.Tests.Assignment.RoutingEngine;
using static Atendimento.Routing.Tests.Tickets.TicketBuilder;

namespace Atendimento.Routing.Tests.Assignment;

/// <summary>The order tickets are served in and the agent each one goes to, on snapshots (no store).</summary>
public sealed class AssignmentPolicyTests
{
    private static readonly FakeTimeProvider Clock = new();
    private static readonly DateTimeOffset Now = Clock.GetUtcNow();

    [Fact]
    public void Higher_priority_comes_first_whatever_the_deadline_or_age()
    {
        var urgentNewest = Queued(1, TicketPriority.Urgent, opened: Now, due: null);
        var normalOldestDueSoon = Queued(2, TicketPriority.Normal, opened: Now.AddHours(-3), due: Now.AddMinutes(1));
        var highMiddle = Queued(3, TicketPriority.High, opened: Now.AddHours(-1), due: Now.AddMinutes(30));

        Assert.Equal([1L, 3L, 2L], Ordered(normalOldestDueSoon, highMiddle, urgentNewest));
    }

    [Fact]
    public void Within_a_priority_the_earliest_deadline_first_and_tickets_without_a_deadline_last()
    {
        var dueLater = Queued(1, TicketPriority.High, opened: Now.AddHours(-2), due: Now.AddMinutes(20));
        var noDeadlineOldest = Queued(2, TicketPriority.High, opened: Now.AddHours(-5), due: null);
        var dueSooner = Queued(3, TicketPriority.High, opened: Now, due: Now.AddMinutes(5));

        Assert.Equal([3L, 1L, 2L], Ordered(dueLater, noDeadlineOldest, dueSooner));
    }

    [Fact]
    public void Same_priority_and_deadline_the_oldest_first_then_the_lowest_id()
    {
        var due = Now.AddMinutes(10);
        var newer = Queued(1, TicketPriority.Normal, opened: Now, due: due);
        var older = Queued(5, TicketPriority.Normal, opened: Now.AddMinutes(-1), due: due);
        var olderTwin = Queued(4, TicketPriority.Normal, opened: Now.AddMinutes(-1), due: due);

        Assert.Equal([4L, 5L, 1L], Ordered(newer, older, olderTwin));
    }

    [Fact]
    public void Only_an_online_agent_of_exactly_the_level_with_every_skill_and_room_is_eligible()
    {
        var ticket = Queued(1, TicketPriority.Normal, Now, null, SupportLevel.N2, "internet", "fibra");
        AgentStatus[] agents =
        [
            Status(AnAgent("missing-skill", SupportLevel.N2, 3, "internet")),
            Status(AnAgent("level-above", SupportLevel.N3, 3, "internet", "fibra")),
            Status(AnAgent("level-below", SupportLevel.N1, 3, "internet", "fibra")),
            Status(AnAgent("away", SupportLevel.N2, 3, "internet", "fibra"), AgentPresence.Away),
            Status(AnAgent("offline", SupportLevel.N2, 3, "internet", "fibra"), AgentPresence.Offline),
            Status(AnAgent("full", SupportLevel.N2, 2, "internet", "fibra"), load: 2),
        ];
        Assert.Null(AssignmentPolicy.Choose(ticket, agents));

        var fits = Status(AnAgent("fits", SupportLevel.N2, 3, "fibra", "internet", "extra"), load: 2);
        Assert.Equal("fits", AssignmentPolicy.Choose(ticket, [.. agents, fits])!.Agent.Id);
    }

    [Fact]
    public void The_most_spare_capacity_wins_over_a_longer_idle_time()
    {
        var ticket = Queued(1, TicketPriority.Normal, Now, null);
        var idleLongWithOneSlot = Status(AnAgent("ana", capacity: 3), load: 2, lastAssigned: Now.AddHours(-5));
        var busyRecentlyWithThreeSlots = Status(AnAgent("bruno", capacity: 5), load: 2, lastAssigned: Now);

        Assert.Equal("bruno", AssignmentPolicy.Choose(ticket, [idleLongWithOneSlot, busyRecentlyWithThreeSlots])!.Agent.Id);
    }

    [Fact]
    public void With_equal_spare_capacity_the_longest_idle_wins()
    {
        var ticket = Queued(1, TicketPriority.Normal, Now, null);
        var assignedAMinuteAgo = Status(AnAgent("ana"), load: 1, lastAssigned: Now.AddMinutes(-1));
        var assignedAnHourAgo = Status(AnAgent("bruno"), load: 1, lastAssigned: Now.AddHours(-1));
        var neverAssignedButJustOnline = Status(AnAgent("carla", capacity: 2), onlineSince: Now.AddSeconds(-10));

        Assert.Equal("bruno", AssignmentPolicy.Choose(ticket, [assignedAMinuteAgo, assignedAnHourAgo, neverAssignedButJustOnline])!.Agent.Id);
    }

    [Fact]
    public void Idle_time_starts_when_the_agent_came_online_if_that_is_after_their_last_assignment()
    {
        var backFromLunch = Status(AnAgent("ana"), lastAssigned: Now.AddHours(-3), onlineSince: Now.AddMinutes(-2));

        Assert.Equal(Now.AddMinutes(-2), backFromLunch.IdleSince);
        Assert.Null(Status(AnAgent("bruno"), AgentPresence.Away).IdleSince);
    }

    private static Ticket Queued(long id, TicketPriority priority, DateTimeOffset opened, DateTimeOffset? due,
        SupportLevel level = SupportLevel.N1, params string[] skills)
    {
        var ticket = ATicket().WithId(id).WithPriority(priority).OpenedAt(opened).AtLevel(level).WithSkills(skills).Build();
        return ticket with { FirstResponseDueAt = due };
    }

    private static List<long> Ordered(params Ticket[] tickets) => tickets.Order(AssignmentOrder.Instance).Select(t => t.Id.Value).ToList();

    private static AgentStatus Status(Agent agent, AgentPresence presence = AgentPresence.Online, int load = 0,
        DateTimeOffset? lastAssigned = null, DateTimeOffset? onlineSince = null) =>
        new(agent, presence, onlineSince ?? Now.AddDays(-1), load, lastAssigned);
}
