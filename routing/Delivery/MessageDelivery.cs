using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Delivery;

/// <summary>
/// Where an agent's message stands on the customer's channel. Channel-agnostic: the channel module reports it,
/// routing only keeps and shows it. Moves forward only (Queued → Sent → Delivered → Read), or to Failed.
/// </summary>
public enum MessageDeliveryState
{
    Queued = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}

/// <summary>The delivery of one ticket line; <see cref="ErrorCode"/> and <see cref="ErrorTitle"/> say why it failed.</summary>
public sealed record MessageDelivery(
    TicketId TicketId,
    long Sequence,
    MessageDeliveryState State,
    int? ErrorCode,
    string? ErrorTitle,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Read may come without delivered; failed may follow queued or sent; nothing leaves Read or Failed.</summary>
    public static bool CanMove(MessageDeliveryState from, MessageDeliveryState to) => from switch
    {
        MessageDeliveryState.Failed or MessageDeliveryState.Read => false,
        _ => to == MessageDeliveryState.Failed ? from is MessageDeliveryState.Queued or MessageDeliveryState.Sent : to > from,
    };
}
