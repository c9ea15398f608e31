using System.Text.Json.Serialization;
using Atendimento.Bot.Activities;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>Answer of tokens/generate, tokens/refresh, start and reconnect (field names as Direct Line 3.0 spells them).</summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);

public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

public sealed record ResourceResponse(string Id);

/// <summary>Optional body of tokens/generate and POST /conversations.</summary>
public sealed record TokenParameters(ChannelAccount? User);
