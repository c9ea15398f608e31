namespace Atendimento.Routing.Tickets;

public enum TicketCommandOutcome
{
    Done,
    NotFound,
    Refused,

    /// <summary>The command named something that does not exist (an agent of another tenant, a queue...): a field error.</summary>
    Invalid,

    /// <summary>Refused because the agent the ticket would go to is at capacity; a 409 like any refusal.</summary>
    AtCapacity,
}

/// <summary>What a ticket command did; the API maps it to 200, 404, 409 or 400 without exceptions.</summary>
public sealed record TicketCommandResult(TicketCommandOutcome Outcome, Ticket? Ticket, string? Reason, TicketMessage? Message = null, string? Field = null)
{
    public static TicketCommandResult Done(Ticket ticket, TicketMessage? message = null) => new(TicketCommandOutcome.Done, ticket, null, message);

    public static TicketCommandResult NotFound() => new(TicketCommandOutcome.NotFound, null, null);

    public static TicketCommandResult Refused(string reason) => new(TicketCommandOutcome.Refused, null, reason);

    public static TicketCommandResult AtCapacity(string reason) => new(TicketCommandOutcome.AtCapacity, null, reason);

    public static TicketCommandResult Invalid(string field, string reason) => new(TicketCommandOutcome.Invalid, null, reason, Field: field);
}
