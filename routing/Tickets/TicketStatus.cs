namespace Atendimento.Routing.Tickets;

public enum TicketStatus
{
    /// <summary>Queued: waiting in its queue for an agent.</summary>
    Open,

    /// <summary>Given to an agent who has not accepted it yet.</summary>
    Assigned,

    /// <summary>An agent accepted it and owns the conversation.</summary>
    InProgress,

    /// <summary>The agent asked the customer for something; the customer's next message moves it back to in progress.</summary>
    WaitingOnCustomer,

    /// <summary>The agent resolved it; the bot owns the conversation again. Reopenable within the reopen window.</summary>
    Resolved,

    /// <summary>Resolved and filed; still reopenable within the window.</summary>
    Closed,

    /// <summary>Dropped before a resolution (a mistaken handoff, a customer who gave up). Final.</summary>
    Cancelled,

    /// <summary>A duplicate folded into another ticket of the same customer (<see cref="Ticket.MergedIntoId"/>). Final.</summary>
    Merged,
}

public enum TicketTrigger
{
    Assign,
    Accept,
    TransferToAgent,
    TransferToQueue,
    Escalate,
    Deescalate,
    WaitOnCustomer,
    CustomerReplied,
    Resolve,
    Close,
    Reopen,
    Cancel,
    Merge,
}
