using System.Text.Json;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;

namespace Atendimento.Routing.Tickets;

/// <summary>
/// The ticket aggregate. State changes go through intent-named methods (Ticket.Lifecycle.cs, Ticket.Details.cs)
/// that consult <see cref="TicketLifecycle"/> and say why they refuse; nothing here does I/O. Persistence happens
/// after, in the store, with optimistic concurrency on <see cref="Version"/>.
/// </summary>
public sealed partial record Ticket
{
    public required TicketId Id { get; init; }
    public required TenantId TenantId { get; init; }
    public TicketStatus Status { get; internal set; } = TicketStatus.Open;
    public TicketPriority Priority { get; internal set; } = TicketPriority.Normal;
    public TicketSeverity Severity { get; internal set; } = TicketSeverity.Moderate;
    public SupportLevel Level { get; internal set; } = SupportLevel.N1;
    public string Queue { get; internal set; } = "";
    public required IReadOnlyList<string> Skills { get; init; }
    public IReadOnlyList<string> Tags { get; internal set; } = [];

    /// <summary>Opaque reference to the customer's conversation; only the bot module can interpret it.</summary>
    public required string ConversationRef { get; init; }

    /// <summary>Who the customer is across conversations; duplicates are merged only between tickets of one customer.</summary>
    public required string CustomerRef { get; init; }
    public required string Channel { get; init; }
    public string? CustomerName { get; init; }
    public required string ReasonCode { get; init; }

    /// <summary>The handoff record the ticket came from, kept whole as evidence for the agent.</summary>
    public required JsonElement Handoff { get; init; }
    public string? AssigneeId { get; internal set; }
    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? AssignedAt { get; internal set; }
    public DateTimeOffset? AcceptedAt { get; internal set; }
    public DateTimeOffset? FirstResponseAt { get; internal set; }
    public DateTimeOffset? ResolvedAt { get; internal set; }
    public DateTimeOffset? ClosedAt { get; internal set; }
    public DateTimeOffset? CancelledAt { get; internal set; }
    public DateTimeOffset? LastCustomerMessageAt { get; internal set; }
    public DateTimeOffset? LastAgentMessageAt { get; internal set; }
    public string? Resolution { get; internal set; }
    public string? EscalationReason { get; internal set; }
    public DateTimeOffset? EscalatedAt { get; internal set; }
    public TicketId? MergedIntoId { get; internal set; }

    /// <summary>
    /// When the first agent reply is due, derived from <see cref="FirstResponseClock"/> in the tenant's calendar;
    /// null when no policy applies. Once the clock stops it keeps the deadline it last had.
    /// </summary>
    public DateTimeOffset? FirstResponseDueAt { get; internal set; }

    /// <summary>When the resolution is due, derived from <see cref="ResolutionClock"/>; null when no policy applies or while it is paused.</summary>
    public DateTimeOffset? ResolutionDueAt { get; internal set; }

    /// <summary>The first-response target being measured (kept up by <c>TicketSla</c> after every change); null when no policy applies.</summary>
    public SlaClock? FirstResponseClock { get; internal set; }

    public SlaClock? ResolutionClock { get; internal set; }

    /// <summary>Whether the first response missed its target: null until decided, false when met.</summary>
    public bool? FirstResponseBreached { get; internal set; }

    /// <summary>Whether the resolution missed its target: null until decided (again null after a reopen), false when met.</summary>
    public bool? ResolutionBreached { get; internal set; }
    public required int Version { get; init; }

    /// <summary>Fires <paramref name="trigger"/> if the table allows it from the current state; the caller applies the details after.</summary>
    private TransitionResult Move(TicketTrigger trigger, TicketAction action, string? from, string? to)
    {
        var current = Status;
        if (TicketLifecycle.Next(current, trigger) is not { } next)
        {
            return TransitionResult.Rejected(current, NotAllowed(trigger));
        }
        Status = next;
        return TransitionResult.Done(current, next, new TicketChange(action, from, to));
    }

    private string NotAllowed(TicketTrigger trigger)
    {
        var allowed = TicketLifecycle.AllowedFrom(Status);
        var options = allowed.Count == 0 ? "nothing changes it any more" : $"it allows only {string.Join(", ", allowed)}";
        return $"Cannot {trigger} ticket {Id} while it is {Status}; {options}.";
    }

    private TransitionResult Refuse(string reason) => TransitionResult.Rejected(Status, $"Ticket {Id}: {reason}");

    /// <summary>A change that leaves the status alone but is still worth an audit line.</summary>
    private TransitionResult Changed(TicketAction action, string? from, string? to) =>
        TransitionResult.Done(Status, Status, new TicketChange(action, from, to));
}
