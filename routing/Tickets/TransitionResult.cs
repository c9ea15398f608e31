namespace Atendimento.Routing.Tickets;

/// <summary>
/// The outcome of asking a ticket to change: a value, because refusals are expected. <see cref="Change"/> names
/// what changed (the audit log's action, from and to); null when nothing worth auditing changed.
/// </summary>
public sealed record TransitionResult(bool Succeeded, TicketStatus From, TicketStatus To, string? Reason, TicketChange? Change = null)
{
    public static TransitionResult Done(TicketStatus from, TicketStatus to, TicketChange? change = null) => new(true, from, to, null, change);

    public static TransitionResult Rejected(TicketStatus current, string reason) => new(false, current, current, reason);
}

/// <summary>What an operation changed on the ticket, as the audit log shows it: the value before and after.</summary>
public sealed record TicketChange(TicketAction Action, string? From, string? To);
