using System.Text.Json;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Api;

/// <summary>
/// A ticket as the API shows it; <see cref="Handoff"/> is the handoff record, whole. The SLA verdicts are null
/// until decided, false when the target was met, true when it was breached.
/// </summary>
public sealed record TicketResponse(
    long Id,
    string Status,
    string Priority,
    string Severity,
    string Level,
    string Queue,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Tags,
    string Channel,
    string CustomerRef,
    string? CustomerName,
    string ReasonCode,
    string? AssigneeId,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset? LastAgentMessageAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CancelledAt,
    string? Resolution,
    string? EscalationReason,
    DateTimeOffset? EscalatedAt,
    long? MergedIntoId,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? ResolutionDueAt,
    JsonElement? Handoff,
    bool? FirstResponseBreached = null,
    bool? ResolutionBreached = null)
{
    public static TicketResponse From(Ticket ticket, bool withHandoff) => new(
        ticket.Id.Value, ticket.Status.ToString(), ticket.Priority.ToString(), ticket.Severity.ToString(), ticket.Level.ToString(),
        ticket.Queue, ticket.Skills, ticket.Tags, ticket.Channel, ticket.CustomerRef, ticket.CustomerName, ticket.ReasonCode,
        ticket.AssigneeId, ticket.OpenedAt, ticket.AssignedAt, ticket.AcceptedAt, ticket.FirstResponseAt, ticket.LastCustomerMessageAt,
        ticket.LastAgentMessageAt, ticket.ResolvedAt, ticket.ClosedAt, ticket.CancelledAt, ticket.Resolution, ticket.EscalationReason,
        ticket.EscalatedAt, ticket.MergedIntoId?.Value, ticket.FirstResponseDueAt, ticket.ResolutionDueAt, withHandoff ? ticket.Handoff : null,
        ticket.FirstResponseBreached, ticket.ResolutionBreached);
}

/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record TicketListResponse(IReadOnlyList<TicketResponse> Items, string? NextCursor = null);

/// <param name="Internal">An agents' note the customer never sees.</param>
/// <param name="Delivery">Where the line stands on the customer's channel, when that channel reports it.</param>
public sealed record TicketMessageResponse(
    long Sequence, string Author, string? AuthorId, string Text, DateTimeOffset At, bool Internal = false, MessageDeliveryResponse? Delivery = null)
{
    public static TicketMessageResponse From(TicketMessage message) => From(message, null);

    public static TicketMessageResponse From(TicketMessage message, MessageDelivery? delivery) =>
        new(message.Sequence, message.Author.ToString(), message.AuthorId, message.Text, message.At, message.Internal, MessageDeliveryResponse.From(delivery));
}

public sealed record TicketMessagesResponse(long TicketId, IReadOnlyList<TicketMessageResponse> Items);

public sealed record PostMessageRequest(string? Text);

/// <summary>One audit line: who (actor kind and id), why (reason), what changed from and to, the status around it, when.</summary>
public sealed record TicketAuditEntryResponse(
    long Sequence, string Action, string ActorKind, string? ActorId, string? Reason, string? From, string? To,
    string StatusFrom, string StatusTo, DateTimeOffset At)
{
    public static TicketAuditEntryResponse Of(TicketAuditEntry line) => new(
        line.Sequence, line.Entry.Action.ToString(), line.Entry.Actor.Kind.ToString(), line.Entry.Actor.Id, line.Entry.Reason,
        line.Entry.From, line.Entry.To, line.Entry.StatusFrom.ToString(), line.Entry.StatusTo.ToString(), line.Entry.At);
}

public sealed record TicketAuditResponse(long TicketId, IReadOnlyList<TicketAuditEntryResponse> Items);
