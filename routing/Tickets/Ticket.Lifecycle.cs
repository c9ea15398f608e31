using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Tickets;

/// <summary>The transitions: who holds the ticket, at which level and queue, and whether it is over.</summary>
public sealed partial record Ticket
{
    /// <summary>Gives a queued ticket to <paramref name="agent"/>, who still has to accept it.</summary>
    public TransitionResult Assign(Agent agent, DateTimeOffset now)
    {
        if (LevelGuard(agent) is { } refused)
        {
            return refused;
        }
        var result = Move(TicketTrigger.Assign, TicketAction.Assign, AssigneeId, agent.Id);
        if (result.Succeeded)
        {
            AssigneeId = agent.Id;
            AssignedAt = now;
        }
        return result;
    }

    /// <summary>An agent takes the ticket; the ticket's level is a floor (an N1 agent cannot take an N2 ticket, an N3 can).</summary>
    public TransitionResult AcceptBy(Agent agent, DateTimeOffset now) => LevelGuard(agent) ?? Accept(agent.Id, now);

    /// <summary>Takes a queued ticket, or one assigned to <paramref name="agentId"/>.</summary>
    public TransitionResult Accept(string agentId, DateTimeOffset now)
    {
        if (Status == TicketStatus.Assigned && AssigneeId != agentId)
        {
            return Refuse($"it is assigned to {AssigneeId}; only they can accept it, or it must be transferred first.");
        }
        var result = Move(TicketTrigger.Accept, TicketAction.Accept, Status == TicketStatus.Assigned ? AssigneeId : null, agentId);
        if (result.Succeeded)
        {
            AssigneeId = agentId;
            AssignedAt ??= now;
            AcceptedAt = now;
        }
        return result;
    }

    /// <summary>Hands the ticket to another agent, who has to accept it.</summary>
    public TransitionResult TransferTo(Agent agent, DateTimeOffset now)
    {
        if (LevelGuard(agent) is { } refused)
        {
            return refused;
        }
        if (agent.Id == AssigneeId)
        {
            return Refuse($"it is already with {agent.Id}.");
        }
        var result = Move(TicketTrigger.TransferToAgent, TicketAction.TransferToAgent, AssigneeId, agent.Id);
        if (result.Succeeded)
        {
            AssigneeId = agent.Id;
            AssignedAt = now;
            AcceptedAt = null;
        }
        return result;
    }

    /// <summary>Puts the ticket back in a queue (another or the same), without an agent.</summary>
    public TransitionResult TransferToQueue(string queue)
    {
        if (queue == Queue && Status == TicketStatus.Open)
        {
            return Refuse($"it is already waiting in queue {queue}.");
        }
        var result = Move(TicketTrigger.TransferToQueue, TicketAction.TransferToQueue, Queue, queue);
        if (result.Succeeded)
        {
            Requeue(queue);
        }
        return result;
    }

    /// <summary>Moves the ticket one level up, into <paramref name="queue"/>, unassigned, with the reason on the ticket.</summary>
    public TransitionResult Escalate(string reason, string queue, DateTimeOffset now)
    {
        if (Level == SupportLevel.N3)
        {
            return Refuse("it is already at N3, the top level.");
        }
        var result = Move(TicketTrigger.Escalate, TicketAction.Escalate, Level.ToString(), (Level + 1).ToString());
        if (result.Succeeded)
        {
            Level++;
            Requeue(queue);
            EscalationReason = reason;
            EscalatedAt = now;
        }
        return result;
    }

    /// <summary>Moves the ticket one level down, into <paramref name="queue"/>, unassigned; the reason goes to the audit log.</summary>
    public TransitionResult Deescalate(string queue)
    {
        if (Level == SupportLevel.N1)
        {
            return Refuse("it is already at N1, the first level.");
        }
        var result = Move(TicketTrigger.Deescalate, TicketAction.Deescalate, Level.ToString(), (Level - 1).ToString());
        if (result.Succeeded)
        {
            Level--;
            Requeue(queue);
        }
        return result;
    }

    /// <summary>The assignee asked the customer for something and waits for the answer.</summary>
    public TransitionResult WaitOnCustomer(string agentId) =>
        AssigneeGuard(agentId) ?? Move(TicketTrigger.WaitOnCustomer, TicketAction.WaitOnCustomer, null, null);

    /// <summary>
    /// The customer wrote while a human owns the conversation: records the time, and a ticket waiting on the
    /// customer goes back to in progress. Nothing to audit otherwise (<see cref="TransitionResult.Change"/> is null).
    /// </summary>
    public TransitionResult RecordCustomerMessage(DateTimeOffset now)
    {
        if (!TicketLifecycle.IsActive(Status))
        {
            return Refuse($"it is {Status}; the bot answers the customer now.");
        }
        LastCustomerMessageAt = now;
        return Status == TicketStatus.WaitingOnCustomer
            ? Move(TicketTrigger.CustomerReplied, TicketAction.CustomerReplied, null, null)
            : TransitionResult.Done(Status, Status);
    }

    public TransitionResult Resolve(string agentId, DateTimeOffset now, string? resolution = null)
    {
        if (TicketLifecycle.IsWithAgent(Status) && AssigneeGuard(agentId) is { } refused)
        {
            return refused;
        }
        var result = Move(TicketTrigger.Resolve, TicketAction.Resolve, null, resolution);
        if (result.Succeeded)
        {
            ResolvedAt = now;
            Resolution = resolution;
        }
        return result;
    }

    public TransitionResult Close(DateTimeOffset now)
    {
        var result = Move(TicketTrigger.Close, TicketAction.Close, null, null);
        if (result.Succeeded)
        {
            ClosedAt = now;
        }
        return result;
    }

    /// <summary>Back to the queue, unassigned, if it was resolved no longer than <paramref name="window"/> ago.</summary>
    public TransitionResult Reopen(DateTimeOffset now, TimeSpan window)
    {
        if (ResolvedAt is { } resolved && now - resolved > window)
        {
            return Refuse($"it was resolved at {resolved:u} and can be reopened only within {Describe(window)} of that " +
                          $"(until {resolved + window:u}); open a new ticket instead.");
        }
        var result = Move(TicketTrigger.Reopen, TicketAction.Reopen, null, null);
        if (result.Succeeded)
        {
            Requeue(Queue);
            ResolvedAt = null;
            ClosedAt = null;
            Resolution = null;
        }
        return result;
    }

    public TransitionResult Cancel(DateTimeOffset now)
    {
        var result = Move(TicketTrigger.Cancel, TicketAction.Cancel, null, null);
        if (result.Succeeded)
        {
            CancelledAt = now;
        }
        return result;
    }

    /// <summary>This ticket is a duplicate of <paramref name="target"/>, a ticket of the same customer: it ends as merged into it.</summary>
    public TransitionResult MergeInto(Ticket target)
    {
        if (target.Id == Id)
        {
            return Refuse("a ticket cannot be merged into itself.");
        }
        if (target.CustomerRef != CustomerRef)
        {
            return Refuse($"ticket {target.Id} belongs to another customer; only duplicates of the same customer are merged.");
        }
        if (TicketLifecycle.FinalStatuses.Contains(target.Status))
        {
            return Refuse($"ticket {target.Id} is {target.Status}; merge into a ticket that is still in use.");
        }
        var result = Move(TicketTrigger.Merge, TicketAction.Merge, Id.ToString(), target.Id.ToString());
        if (result.Succeeded)
        {
            MergedIntoId = target.Id;
        }
        return result;
    }

    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => Plural(span.TotalDays, "day"),
        { TotalHours: >= 1 } => Plural(span.TotalHours, "hour"),
        _ => Plural(span.TotalMinutes, "minute"),
    };

    private static string Plural(double amount, string unit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{amount:0.##} {unit}{(amount == 1 ? "" : "s")}");

    private void Requeue(string queue)
    {
        Queue = queue;
        AssigneeId = null;
        AssignedAt = null;
        AcceptedAt = null;
    }

    private TransitionResult? LevelGuard(Agent agent) => agent.Level < Level
        ? TransitionResult.Rejected(Status, $"Ticket {Id} needs an agent of level {Level} or above; {agent.Id} is {agent.Level}.")
        : null;

    private TransitionResult? AssigneeGuard(string agentId) => AssigneeId == agentId ? null
        : Refuse(AssigneeId is null ? $"it is {Status} and has no assignee; accept it first." : "it is assigned to another agent.");
}
