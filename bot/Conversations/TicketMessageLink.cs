using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// The ticket line an outbound activity carries when an agent wrote it, so a channel that learns how the message
/// fared (WhatsApp statuses) can report it on the ticket. It travels in the activity's channel data, which is
/// saved with the conversation's outbox.
/// </summary>
public sealed record TicketMessageLink(long TicketId, long Sequence)
{
    private const string Property = "ticketMessage";

    public static Activity Attach(Activity activity, TicketMessage message)
    {
        var data = activity.ChannelData?.DeepClone().AsObject() ?? [];
        data[Property] = new JsonObject { ["ticketId"] = message.TicketId.Value, ["sequence"] = message.Sequence };
        return activity with { ChannelData = data };
    }

    public static TicketMessageLink? From(Activity activity) =>
        activity.ChannelData?[Property] is JsonObject link
        && link["ticketId"]?.GetValue<long>() is { } ticketId && link["sequence"]?.GetValue<long>() is { } sequence
            ? new TicketMessageLink(ticketId, sequence)
            : null;
}
