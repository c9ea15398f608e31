namespace Atendimento.Routing.Tickets;

/// <summary>
/// An agent's load: the active tickets assigned to them, whether or not accepted yet (Assigned, InProgress,
/// WaitingOnCustomer). Capacity bounds this number; a queued, resolved or ended ticket does not count.
/// </summary>
public static class AgentLoad
{
    public static IReadOnlyList<TicketStatus> HeldStatuses { get; } =
        [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.WaitingOnCustomer];

    public static bool Counts(TicketStatus status) => HeldStatuses.Contains(status);

    /// <summary>The agent whose load the ticket adds to, or null when it adds to nobody's.</summary>
    public static string? Holder(Ticket ticket) => Counts(ticket.Status) ? ticket.AssigneeId : null;
}
