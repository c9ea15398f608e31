namespace Atendimento.Routing.Tickets;

/// <summary>Every operation on a ticket the audit log records.</summary>
public enum TicketAction
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

    /// <summary>Recorded on the ticket a duplicate was merged into.</summary>
    MergedFrom,
    ChangePriority,
    ChangeSeverity,
    Tag,
    Untag,
    Note,
}

public enum ActorKind
{
    Agent,
    Customer,
    System,
}

/// <summary>Who did something to a ticket: an agent (with their id), the customer, or the system.</summary>
public sealed record TicketActor(ActorKind Kind, string? Id)
{
    public static readonly TicketActor Customer = new(ActorKind.Customer, null);

    public static TicketActor Agent(string agentId) => new(ActorKind.Agent, agentId);
}

/// <summary>An audit line before the store numbers it. From/To are the changed value (status, agent, queue, level...).</summary>
public sealed record NewAuditEntry(
    TicketAction Action, TicketActor Actor, string? Reason, string? From, string? To, TicketStatus StatusFrom, TicketStatus StatusTo, DateTimeOffset At)
{
    public static NewAuditEntry Of(TransitionResult result, TicketActor actor, string? reason, DateTimeOffset at) =>
        new(result.Change!.Action, actor, reason, result.Change.From, result.Change.To, result.From, result.To, at);
}

/// <summary>One line of a ticket's audit log: who, why, from, to, when. <see cref="Sequence"/> orders the lines.</summary>
public sealed record TicketAuditEntry(TicketId TicketId, long Sequence, NewAuditEntry Entry);

/// <summary>
/// A changed ticket and the audit lines that explain the change, saved together or not at all. A change that gives
/// the ticket to an agent who did not hold it carries a <see cref="CapacityClaim"/>, checked under that agent's lock.
/// </summary>
public sealed record TicketUpdate(Ticket Ticket, IReadOnlyList<NewAuditEntry> Audit, CapacityClaim? Claim = null);

/// <summary>
/// The agent the ticket now goes to may hold at most <paramref name="Capacity"/> active tickets (assigned, in
/// progress or waiting on the customer), this one included. The store counts them under a per-agent lock, so two
/// instances assigning to one agent at once cannot both pass.
/// </summary>
public sealed record CapacityClaim(string AgentId, int Capacity);

public enum SaveOutcome
{
    Saved,

    /// <summary>Someone saved one of the tickets since it was read; reload and retry.</summary>
    Stale,

    /// <summary>The change would give the conversation a second active ticket (a reopen after a new handoff).</summary>
    ConversationHasActiveTicket,

    /// <summary>The <see cref="CapacityClaim"/> failed: the agent already holds as many active tickets as their capacity.</summary>
    AgentAtCapacity,
}
