namespace Atendimento.Routing.Api;

/// <summary>The bodies of the ticket operations. Each is checked by <see cref="FieldErrors"/> before anything runs.</summary>
public sealed record AssignRequest(string? AgentId, string? Reason);

/// <summary>Exactly one of <see cref="AgentId"/> and <see cref="Queue"/>.</summary>
public sealed record TransferRequest(string? AgentId, string? Queue, string? Reason);

/// <summary>Escalation and de-escalation: a reason is required; the queue defaults to the level's (Routing:Tickets:LevelQueues).</summary>
public sealed record LevelChangeRequest(string? Reason, string? Queue);

public sealed record PriorityRequest(string? Priority, string? Reason);

public sealed record SeverityRequest(string? Severity, string? Reason);

public sealed record TagRequest(string? Tag);

public sealed record NoteRequest(string? Text);

/// <summary>For resolve (the resolution), close, reopen, cancel and wait-on-customer.</summary>
public sealed record ReasonRequest(string? Reason);

public sealed record MergeRequest(long? TargetTicketId, string? Reason);
