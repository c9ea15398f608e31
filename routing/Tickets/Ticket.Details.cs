namespace Atendimento.Routing.Tickets;

/// <summary>Changes that keep the status: classification, tags, notes and the message timestamps.</summary>
public sealed partial record Ticket
{
    public TransitionResult ChangePriority(TicketPriority priority)
    {
        if (Unchangeable() is { } refused)
        {
            return refused;
        }
        if (priority == Priority)
        {
            return Refuse($"its priority is already {priority}.");
        }
        var result = Changed(TicketAction.ChangePriority, Priority.ToString(), priority.ToString());
        Priority = priority;
        return result;
    }

    public TransitionResult ChangeSeverity(TicketSeverity severity)
    {
        if (Unchangeable() is { } refused)
        {
            return refused;
        }
        if (severity == Severity)
        {
            return Refuse($"its severity is already {severity}.");
        }
        var result = Changed(TicketAction.ChangeSeverity, Severity.ToString(), severity.ToString());
        Severity = severity;
        return result;
    }

    /// <summary>Tags are compared case-insensitively and kept as first written.</summary>
    public TransitionResult AddTag(string tag)
    {
        if (Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            return Refuse($"it is already tagged '{tag}'.");
        }
        Tags = [.. Tags, tag];
        return Changed(TicketAction.Tag, null, tag);
    }

    public TransitionResult RemoveTag(string tag)
    {
        var existing = Tags.FirstOrDefault(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));
        if (existing is null)
        {
            return Refuse($"it has no tag '{tag}'.");
        }
        Tags = Tags.Where(t => t != existing).ToList();
        return Changed(TicketAction.Untag, existing, null);
    }

    /// <summary>An internal note (never sent to the customer) is allowed in every state but merged, whose notes belong on the target.</summary>
    public TransitionResult AddNote() => Status == TicketStatus.Merged
        ? Refuse($"it was merged into ticket {MergedIntoId}; write the note there.")
        : Changed(TicketAction.Note, null, null);

    /// <summary>Checks that <paramref name="agentId"/> may write to the customer now, and records the first and last response.</summary>
    public TransitionResult RecordAgentReply(string agentId, DateTimeOffset now)
    {
        if (!TicketLifecycle.IsWithAgent(Status))
        {
            return Refuse($"it is {Status}; accept it before replying.");
        }
        if (AssigneeGuard(agentId) is { } refused)
        {
            return refused;
        }
        FirstResponseAt ??= now;
        LastAgentMessageAt = now;
        return TransitionResult.Done(Status, Status);
    }

    private TransitionResult? Unchangeable() =>
        TicketLifecycle.IsEnded(Status) ? Refuse($"it is {Status}; reopen it before changing it.") : null;
}
