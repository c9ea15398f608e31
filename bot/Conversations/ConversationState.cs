using Atendimento.Bot.Activities;
using Atendimento.Bot.Dialogs;
using Atendimento.Handoff;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Conversations;

/// <summary>How to reach the customer again: the channel's own conversation id, both parties, and (Emulator) the service URL.</summary>
public sealed record ChannelAddress(string ConversationId, ChannelAccount Bot, ChannelAccount? User, string? ServiceUrl, string? Locale);

/// <summary>
/// One customer conversation on one channel: its dialog state, the transcript kept as handoff evidence,
/// the ticket a human works on (if any) and the inbound ids already processed. Saved whole, with
/// optimistic concurrency on <see cref="Version"/> (0 = never saved).
/// </summary>
public sealed record ConversationState
{
    public const int TranscriptLength = 50;
    public const int RememberedActivityIds = 50;

    public required TenantId TenantId { get; init; }

    /// <summary>Our id: the channel name, a colon, and the channel's conversation id.</summary>
    public required string Id { get; init; }
    public required string Channel { get; init; }
    public required ChannelAddress Address { get; init; }
    public long? ActiveTicketId { get; init; }
    public bool Welcomed { get; init; }
    public DialogState Dialog { get; init; } = new();
    public IReadOnlyList<TranscriptEntry> Transcript { get; init; } = [];
    public IReadOnlyList<string> RecentActivityIds { get; init; } = [];

    /// <summary>
    /// Replies decided by the last turn and saved with it, not yet confirmed sent. A send that fails leaves them
    /// here; the channel's retry of the same activity (or the next turn) sends them again.
    /// </summary>
    public IReadOnlyList<Activity> Outbox { get; init; } = [];

    /// <summary>When the bot asked the question the customer has not answered yet; null when it waits for nothing.</summary>
    public DateTimeOffset? SilentSince { get; init; }

    /// <summary>When the inactivity menu (or the close after it) is due; the sweeper finds conversations by it.</summary>
    public DateTimeOffset? InactivityDueAt { get; init; }

    /// <summary>Failed attempts to send the current outbox, in a row.</summary>
    public int OutboxFailures { get; init; }
    public int Version { get; init; }

    public static string IdFor(string channel, string channelConversationId) => $"{channel}:{channelConversationId}";

    public ConversationState WithTranscript(IEnumerable<TranscriptEntry> entries) =>
        this with { Transcript = [.. Transcript.Concat(entries.Select(e => e with { Text = TranscriptEntry.Clip(e.Text) })).TakeLast(TranscriptLength)] };

    public ConversationState Remember(string? activityId) => activityId is null
        ? this
        : this with { RecentActivityIds = [.. RecentActivityIds.TakeLast(RememberedActivityIds - 1), activityId] };
}
