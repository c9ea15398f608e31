namespace Atendimento.Handoff;

/// <summary>Who answers the customer's next message. Derived from the conversation's ticket, its single source of truth.</summary>
public enum ConversationOwner
{
    Bot,

    /// <summary>Handed off; the ticket waits in its queue, or for the agent it was assigned to to accept it.</summary>
    Queued,

    /// <summary>An agent accepted the ticket (in progress, or waiting on the customer).</summary>
    Agent,
}
