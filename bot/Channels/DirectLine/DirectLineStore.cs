using Atendimento.Bot.Activities;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>A Direct Line conversation: reserved by a token, started by the first <c>POST /conversations</c>.</summary>
public sealed record DirectLineConversation(TenantId TenantId, string Id, string UserId, DateTimeOffset CreatedAt, bool Started);

/// <summary>Activities after a watermark, and the watermark to ask from next time.</summary>
public sealed record ActivityPage(IReadOnlyList<Activity> Activities, long Watermark);

/// <summary>The stored activity, and whether it was already there (same clientActivityID posted again).</summary>
public sealed record AppendResult(Activity Activity, bool Duplicate);

/// <summary>
/// Each conversation's activity history, numbered 1, 2, 3... The number is the watermark and the tail of the
/// activity id (<c>{conversationId}|0000001</c>, as the real service writes it).
/// </summary>
public interface IDirectLineStore
{
    Task CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken = default);

    Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>True only for the call that started it.</summary>
    Task<bool> MarkStartedAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the activity with its id, sequence and <c>webchat:sequence-id</c>. An activity whose delivery key
    /// (<see cref="DirectLineActivityIds.DeliveryKey"/>) is already stored returns the first copy instead.
    /// </summary>
    Task<AppendResult> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    Task<ActivityPage> ReadAfterAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default);
}

internal static class DirectLineActivityIds
{
    public static string For(string conversationId, long sequence) =>
        $"{conversationId}|{sequence.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)}";

    public const int MaxClientActivityIdLength = 200;

    public static string? ClientActivityId(Activity activity) =>
        activity.ChannelData?["clientActivityID"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? activity.ChannelData["clientActivityID"]!.GetValue<string>()
            : null;

    /// <summary>
    /// What makes an append idempotent: the client's clientActivityID for what a client posts, the id we gave an
    /// outbound activity for what we send. Null means the activity is simply appended.
    /// </summary>
    public static string? DeliveryKey(Activity activity) =>
        ClientActivityId(activity) is { } clientId ? "client:" + clientId
        : activity.Id is { } outboundId ? "out:" + outboundId
        : null;

    /// <summary>Sets the server id and the sequence Web Chat orders by (specs §3.8).</summary>
    public static Activity Stamp(Activity activity, string conversationId, long sequence)
    {
        var channelData = activity.ChannelData?.DeepClone().AsObject() ?? [];
        channelData["webchat:sequence-id"] = sequence;
        return activity with { Id = For(conversationId, sequence), ChannelData = channelData };
    }
}
