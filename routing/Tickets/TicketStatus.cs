namespace Atendimento.Routing.Tickets;

public enum TicketStatus
{
    /// <summary>Waiting in its queue for an agent.</summary>
    Open,

    /// <summary>An agent accepted it and owns the conversation.</summary>
    InProgress,

    /// <summary>The agent resolved it; the bot owns the conversation again.</summary>
    Resolved,

    /// <summary>Final; only a reopen brings it back.</summary>
    Closed,
}

public enum TicketTrigger
{
    Accept,
    Resolve,
    Close,
    Reopen,
}
