using Atendimento.Routing.Agents;
using Atendimento.Routing.Api;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Desk.Tickets;

/// <summary>
/// What the desk's side bar lists. <see cref="Queue"/>: waiting tickets the caller's level can take, and those
/// assigned to them to accept. <see cref="Mine"/>: the conversations they hold. A supervisor sees every active
/// ticket of the tenant. <see cref="WarningFraction"/> lets the page colour the SLA countdown like the SLA clock does.
/// <see cref="FeedPosition"/> is the feed's newest event id read before the tickets: following the feed from there
/// shows every change after this snapshot (some twice at most, which the page's updates tolerate), none missed.
/// </summary>
public sealed record DeskInbox(IReadOnlyList<TicketResponse> Queue, IReadOnlyList<TicketResponse> Mine, double WarningFraction, long FeedPosition = 0)
{
    public static DeskInbox For(IReadOnlyList<Ticket> active, Agent? agent, bool seesAll, double warningFraction)
    {
        var queue = active.Where(t => t.Status is TicketStatus.Open or TicketStatus.Assigned && (seesAll || CanTake(agent, t)));
        var mine = active.Where(t => t.Status is TicketStatus.InProgress or TicketStatus.WaitingOnCustomer && (seesAll || t.AssigneeId == agent?.Id));
        return new DeskInbox(Summaries(queue), Summaries(mine), warningFraction);
    }

    private static bool CanTake(Agent? agent, Ticket ticket) => agent is not null && (ticket.Status == TicketStatus.Open
        ? ticket.Level <= agent.Level
        : ticket.AssigneeId == agent.Id);

    private static List<TicketResponse> Summaries(IEnumerable<Ticket> tickets) => tickets.Select(t => TicketResponse.From(t, withHandoff: false)).ToList();
}
