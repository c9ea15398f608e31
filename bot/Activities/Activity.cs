using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Atendimento.Bot.Activities;

/// <summary>
/// The Bot Framework activity, our internal message model (specs/botframework-protocols.md §1). Fields we do not
/// model are kept in <see cref="Extra"/> so that nothing a client sent is lost on the way back out.
/// </summary>
public sealed record Activity
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }

    // Kept as text: the sender's offset must survive the round trip.
    public string? LocalTimestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? InputHint { get; init; }
    public string? Name { get; init; }
    public string? Code { get; init; }
    public JsonNode? Value { get; init; }
    public JsonObject? ChannelData { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public IReadOnlyList<JsonObject>? Entities { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public ConversationReference? RelatesTo { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ChannelAccount(string Id, string? Name = null, string? Role = null);

public sealed record ConversationAccount(string Id, string? Name = null, bool? IsGroup = null, string? ConversationType = null);

public sealed record Attachment(string ContentType, string? ContentUrl = null, JsonNode? Content = null, string? Name = null, string? ThumbnailUrl = null);

public sealed record SuggestedActions(IReadOnlyList<CardAction> Actions, IReadOnlyList<string>? To = null);

public sealed record CardAction(string Type, string Title, JsonNode? Value = null, string? Text = null, string? DisplayText = null);

public sealed record ConversationReference(
    ConversationAccount Conversation,
    string ChannelId,
    string? ActivityId = null,
    ChannelAccount? User = null,
    ChannelAccount? Bot = null,
    string? ServiceUrl = null,
    string? Locale = null);

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string EndOfConversation = "endOfConversation";
    public const string Invoke = "invoke";
}

public static class ActivityJson
{
    /// <summary>camelCase both ways, nulls left out when writing (ACT A2001–A2014).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcTimestampConverter() },
    };
}
