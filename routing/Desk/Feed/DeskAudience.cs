using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Desk.Feed;

/// <summary>
/// Who an event is for: the ticket's level, queue and assignee when it was written, and the assignee it had before.
/// <see cref="Everyone"/> (no ticket behind it) is for every desk user of the tenant.
/// </summary>
public sealed record DeskAudience(SupportLevel? Level, string? Queue, string? AssigneeId, string? PreviousAssigneeId = null)
{
    public static readonly DeskAudience Everyone = new(null, null, null);

    public static DeskAudience Of(Ticket ticket, string? previousAssigneeId = null) =>
        new(ticket.Level, ticket.Queue, ticket.AssigneeId, previousAssigneeId == ticket.AssigneeId ? null : previousAssigneeId);
}

/// <summary>
/// The reader of the feed. Supervisors and admins see the whole tenant. An agent sees what happens to tickets held
/// by them (now or just before), and the queue movements of tickets their level can take; conversations held by
/// other agents stay private to those agents and the supervisors.
/// </summary>
public sealed record DeskViewer(bool SeesAll, string? AgentId, SupportLevel? AgentLevel)
{
    public bool Sees(DeskEvent item)
    {
        var audience = item.Audience;
        if (SeesAll || audience.Level is null)
        {
            return true;
        }
        if (AgentId is null)
        {
            return false;
        }
        if (audience.AssigneeId == AgentId || audience.PreviousAssigneeId == AgentId)
        {
            return true;
        }
        var canTake = AgentLevel is { } level && audience.Level <= level;
        return canTake && (audience.AssigneeId is null || DeskEventKinds.IsQueueMovement(item.Kind));
    }
}
