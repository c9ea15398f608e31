using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Desk.Feed;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Tests.Desk;

/// <summary>Who sees which event of the feed: the per-user filter the live stream applies.</summary>
public sealed class DeskViewerTests
{
    private static readonly DeskViewer Ana = new(SeesAll: false, "ana", SupportLevel.N1);
    private static readonly DeskViewer Bruno = new(SeesAll: false, "bruno", SupportLevel.N2);
    private static readonly DeskViewer Supervisor = new(SeesAll: true, null, null);

    [Fact]
    public void A_ticket_waiting_at_a_level_is_seen_by_agents_of_that_level_or_above_only()
    {
        var opened = Event(DeskEventKinds.TicketOpened, new DeskAudience(SupportLevel.N2, "n2-internet", null));

        Assert.False(Ana.Sees(opened));
        Assert.True(Bruno.Sees(opened));
        Assert.True(Supervisor.Sees(opened));
    }

    [Fact]
    public void Messages_of_a_ticket_held_by_another_agent_stay_with_that_agent_and_the_supervisors()
    {
        var message = Event(DeskEventKinds.CustomerMessage, new DeskAudience(SupportLevel.N1, "geral", "bruno"));

        Assert.False(Ana.Sees(message));
        Assert.True(Bruno.Sees(message));
        Assert.True(Supervisor.Sees(message));
    }

    [Fact]
    public void Agents_who_could_take_a_ticket_see_it_leave_the_queue_and_its_previous_holder_sees_it_go()
    {
        var accepted = Event(DeskEventKinds.TicketAssignment, new DeskAudience(SupportLevel.N1, "geral", "bruno"));
        var transferred = Event(DeskEventKinds.TicketAssignment, new DeskAudience(SupportLevel.N2, "n2", "carla", PreviousAssigneeId: "ana"));

        Assert.True(Ana.Sees(accepted));
        Assert.True(Ana.Sees(transferred));
    }

    [Fact]
    public void An_event_without_a_ticket_audience_is_for_everyone_and_a_user_without_an_agent_sees_no_ticket_events()
    {
        var reader = new DeskViewer(SeesAll: false, null, null);

        Assert.True(reader.Sees(Event("sla.warning", null)));
        Assert.False(reader.Sees(Event(DeskEventKinds.TicketOpened, new DeskAudience(SupportLevel.N1, "geral", null))));
    }

    private static DeskEvent Event(string kind, DeskAudience? audience) =>
        new(1, TenantId.Default, kind, 5, "{}", DateTimeOffset.UnixEpoch, audience);
}
