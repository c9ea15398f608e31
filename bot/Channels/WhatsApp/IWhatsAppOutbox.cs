using Atendimento.Bot.Conversations;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>Where one outbound message stands. Only moves forward: Queued → Sent → Delivered → Read, or → Failed.</summary>
public enum DeliveryState
{
    Queued = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}

/// <summary>
/// One Graph API message we send: its key (<c>{activity id}:{part}</c>), the JSON body, and what Meta told us
/// since. <see cref="ErrorCode"/> is Meta's error code when it failed (0 when we refused to send it ourselves).
/// <see cref="Attempts"/> counts the sends that ended in a retryable failure; <see cref="DeadLetter"/> marks a message
/// we gave up on ourselves (an admin may send it again); <see cref="Ticket"/> links an agent's message to its ticket line.
/// </summary>
public sealed record OutboundMessage(
    TenantId TenantId,
    string Id,
    string PhoneNumberId,
    string ConversationId,
    string Payload,
    DeliveryState State,
    string? Wamid,
    int? ErrorCode,
    DateTimeOffset UpdatedAt,
    int Attempts = 0,
    bool DeadLetter = false,
    TicketMessageLink? Ticket = null);

/// <summary>The WhatsApp outbox: a message is stored as Queued before it is sent, then tracked by its wamid.</summary>
public interface IWhatsAppOutbox
{
    /// <summary>Stores the message unless its id is already there; returns what is stored (the first copy on a resend).</summary>
    Task<OutboundMessage> AddAsync(OutboundMessage message, CancellationToken cancellationToken = default);

    Task<OutboundMessage?> GetAsync(TenantId tenantId, string id, CancellationToken cancellationToken = default);

    Task<OutboundMessage?> FindByWamidAsync(TenantId tenantId, string wamid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the message for one send until <paramref name="leaseUntil"/>: only while it is queued, no one else holds
    /// it, and no older message of its conversation is still queued (so nothing overtakes a message being retried).
    /// </summary>
    Task<bool> TryClaimAsync(TenantId tenantId, string id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> queued messages that are the oldest of their conversation, due and free, leased until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    Task MarkSentAsync(TenantId tenantId, string id, string? wamid, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A retryable failure: one more attempt counted, the lease let go, the next try not before <paramref name="nextAttemptAt"/>.</summary>
    Task RescheduleAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset nextAttemptAt, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A dead letter: the message will not be sent; <paramref name="errorCode"/> says why.</summary>
    Task MarkFailedAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A status webhook: moves the message with this wamid forward, never back.</summary>
    Task<StatusOutcome> ApplyStatusAsync(TenantId tenantId, string wamid, DeliveryState state, int? errorCode, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>What a status did: moved the message, found it already there or further, or found no message with that wamid.</summary>
public enum StatusOutcome
{
    Applied,
    Unchanged,
    UnknownMessage,
}

public static class DeliveryStates
{
    /// <summary>Read may come without delivered; failed may follow sent; nothing leaves Read or Failed.</summary>
    public static bool CanMove(DeliveryState from, DeliveryState to) => from switch
    {
        DeliveryState.Failed or DeliveryState.Read => false,
        _ => to == DeliveryState.Failed ? from is DeliveryState.Queued or DeliveryState.Sent : to > from,
    };

    public static DeliveryState? Parse(string? status) => status switch
    {
        "sent" => DeliveryState.Sent,
        "delivered" => DeliveryState.Delivered,
        "read" => DeliveryState.Read,
        "failed" => DeliveryState.Failed,
        _ => null,
    };
}
