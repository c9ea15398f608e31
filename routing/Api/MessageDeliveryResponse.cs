using Atendimento.Routing.Delivery;

namespace Atendimento.Routing.Api;

/// <summary>A ticket line's delivery as the API shows it: state in lower case, and why it failed.</summary>
public sealed record MessageDeliveryResponse(string State, int? ErrorCode, string? ErrorTitle, DateTimeOffset UpdatedAt)
{
    public static MessageDeliveryResponse? From(MessageDelivery? delivery) => delivery is null
        ? null
        : new(Name(delivery.State), delivery.ErrorCode, delivery.ErrorTitle, delivery.UpdatedAt);

    private static string Name(MessageDeliveryState state) => state switch
    {
        MessageDeliveryState.Queued => "queued",
        MessageDeliveryState.Sent => "sent",
        MessageDeliveryState.Delivered => "delivered",
        MessageDeliveryState.Read => "read",
        _ => "failed",
    };
}
