namespace Atendimento.Routing.Desk.Feed;

/// <summary>The kinds of event in the agents' feed; the page reacts to each by name.</summary>
public static class DeskEventKinds
{
    /// <summary>A handoff opened a ticket: a new conversation waits in a queue.</summary>
    public const string TicketOpened = "ticket.opened";

    /// <summary>Who holds the ticket or where it waits changed: accept, assign, transfer, escalate, reopen.</summary>
    public const string TicketAssignment = "ticket.assignment";

    /// <summary>The status changed without a change of hands: waiting on the customer, resolved, closed, cancelled.</summary>
    public const string TicketStatus = "ticket.status";

    /// <summary>Tags, priority, severity: the ticket changed, its status and holder did not.</summary>
    public const string TicketUpdated = "ticket.updated";

    public const string CustomerMessage = "message.customer";
    public const string AgentMessage = "message.agent";
    public const string InternalNote = "message.note";
    public const string SystemMessage = "message.system";

    /// <summary>Agents who could take the ticket must see it leave (or come back to) the queue, even when another agent holds it.</summary>
    public static bool IsQueueMovement(string kind) => kind is TicketOpened or TicketAssignment or TicketStatus;
}
