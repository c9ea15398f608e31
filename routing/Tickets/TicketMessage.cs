namespace Atendimento.Routing.Tickets;

public enum MessageAuthor
{
    Customer,
    Bot,
    Agent,
    System,
}

/// <summary>
/// One line of the ticket's transcript: the bot's part (copied at handoff), the customer's and the agents'.
/// <paramref name="Internal"/> marks an agents' note that is never sent to the customer.
/// </summary>
public sealed record TicketMessage(TicketId TicketId, long Sequence, MessageAuthor Author, string? AuthorId, string Text, DateTimeOffset At, bool Internal = false);

/// <param name="ExternalId">The channel's id of the message, when there is one: appending the same id twice keeps one line.</param>
/// <param name="Internal">An agents' note, never sent to the customer.</param>
public sealed record NewTicketMessage(MessageAuthor Author, string? AuthorId, string Text, DateTimeOffset At, string? ExternalId = null, bool Internal = false);
