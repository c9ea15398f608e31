namespace Atendimento.Routing.Tickets;

/// <summary>The outcome of asking a ticket to change state: a value, because refusals are expected.</summary>
public sealed record TransitionResult(bool Succeeded, TicketStatus From, TicketStatus To, string? Reason)
{
    public static TransitionResult Done(TicketStatus from, TicketStatus to) => new(true, from, to, null);

    public static TransitionResult Rejected(TicketStatus current, string reason) => new(false, current, current, reason);
}
