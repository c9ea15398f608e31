namespace Atendimento.Routing.Tickets;

public enum TicketCommandOutcome
{
    Done,
    NotFound,
    Refused,
}

/// <summary>What a ticket command did; the API maps it to 200, 404 or 409 without exceptions.</summary>
public sealed record TicketCommandResult(TicketCommandOutcome Outcome, Ticket? Ticket, string? Reason, TicketMessage? Message = null)
{
    public static TicketCommandResult Done(Ticket ticket, TicketMessage? message = null) => new(TicketCommandOutcome.Done, ticket, null, message);

    public static TicketCommandResult NotFound() => new(TicketCommandOutcome.NotFound, null, null);

    public static TicketCommandResult Refused(string reason) => new(TicketCommandOutcome.Refused, null, reason);
}
