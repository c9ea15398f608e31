using System.Text.Json;
using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Api;

/// <summary>A ticket as the API shows it; <see cref="Handoff"/> is the handoff record, whole.</summary>
public sealed record TicketResponse(
    long Id,
    string Status,
    string Level,
    string Queue,
    IReadOnlyList<string> Skills,
    string Channel,
    string? CustomerName,
    string ReasonCode,
    string? AssigneeId,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    JsonElement? Handoff)
{
    public static TicketResponse From(Ticket ticket, bool withHandoff) => new(
        ticket.Id.Value, ticket.Status.ToString(), ticket.Level.ToString(), ticket.Queue, ticket.Skills, ticket.Channel,
        ticket.CustomerName, ticket.ReasonCode, ticket.AssigneeId, ticket.OpenedAt, ticket.AcceptedAt, ticket.FirstResponseAt,
        ticket.ResolvedAt, ticket.ClosedAt, withHandoff ? ticket.Handoff : null);
}

public sealed record TicketListResponse(IReadOnlyList<TicketResponse> Items);

/// <param name="Delivery">Where the line stands on the customer's channel, when that channel reports it.</param>
public sealed record TicketMessageResponse(long Sequence, string Author, string? AuthorId, string Text, DateTimeOffset At, MessageDeliveryResponse? Delivery = null)
{
    public static TicketMessageResponse From(TicketMessage message, MessageDelivery? delivery = null) =>
        new(message.Sequence, message.Author.ToString(), message.AuthorId, message.Text, message.At, MessageDeliveryResponse.From(delivery));
}

public sealed record TicketMessagesResponse(long TicketId, IReadOnlyList<TicketMessageResponse> Items);

public sealed record PostMessageRequest(string? Text);
