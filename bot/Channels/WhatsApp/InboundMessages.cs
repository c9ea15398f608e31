using System.Text.Json.Nodes;
using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>A customer's message from a webhook, as the activity the turn runs on, with who sent it.</summary>
public sealed record InboundMessage(string MessageId, ChannelAddress Address, Activity Activity);

/// <summary>
/// <c>value.messages[]</c> → activities (specs §2). Every type becomes something the bot can answer: unknown types
/// and messages whose type object is missing become an "unsupported" message, never an exception. The sender's name
/// comes from the contact with the same wa_id, not the one at the same position.
/// </summary>
public static class InboundMessages
{
    public const string Channel = "whatsapp";
    public const string UnsupportedContentType = "application/vnd.whatsapp.unsupported";

    /// <param name="conversationIdKey">The key of the conversation pseudonyms (<see cref="WhatsAppConversationIds"/>).</param>
    public static IReadOnlyList<InboundMessage> Read(JsonObject value, string phoneNumberId, string conversationIdKey)
    {
        var names = value.Objects("contacts")
            .Select(c => (Id: c.Str("wa_id") ?? c.Str("user_id"), Name: c.Obj("profile").Str("name")))
            .Where(c => c.Id is not null)
            .GroupBy(c => c.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return value.Objects("messages")
            .Select(message => Read(message, phoneNumberId, conversationIdKey, names))
            .OfType<InboundMessage>()
            // Meta does not promise order within a batch; the timestamp does (specs §4.2). OrderBy is stable.
            .OrderBy(m => m.Activity.Timestamp)
            .ToList();
    }

    private static InboundMessage? Read(JsonObject message, string phoneNumberId, string conversationIdKey, Dictionary<string, string?> names)
    {
        var id = message.Str("id");
        var customer = message.Str("from") ?? message.Str("user_id");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(customer))
        {
            return null;
        }
        var user = new ChannelAccount(customer, names.GetValueOrDefault(customer), "user");
        var conversationId = WhatsAppConversationIds.For(conversationIdKey, phoneNumberId, customer);
        var bot = new ChannelAccount(phoneNumberId, null, "bot");
        var activity = InboundContent.Map(message) with
        {
            Id = id,
            Timestamp = message.UnixSeconds("timestamp"),
            ChannelId = Channel,
            From = user,
            Recipient = bot,
            Conversation = new ConversationAccount(conversationId),
            Locale = OutboundActivities.Locale,
        };
        return new InboundMessage(id, new ChannelAddress(conversationId, bot, user, null, OutboundActivities.Locale), WithChannelData(activity, message));
    }

    /// <summary>What the activity schema has no field for (reply-to, forwarded, ad referral, the original type) goes in channelData.</summary>
    private static Activity WithChannelData(Activity activity, JsonObject message)
    {
        var data = activity.ChannelData ?? [];
        data["type"] = message.Str("type");
        if (message.Obj("context") is { } context)
        {
            data["context"] = context.Copy();
        }
        if (message.Obj("referral") is { } referral)
        {
            data["referral"] = referral.Copy();
        }
        return activity with { ChannelData = data, ReplyToId = activity.ReplyToId ?? message.Obj("context").Str("id") };
    }
}
