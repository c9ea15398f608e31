using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Atendimento.Bot.Channels.WhatsApp.DeadLetters;

/// <summary>A dead letter as the admin API shows it: never its body, which holds the customer's number and words.</summary>
public sealed record DeadLetterResponse(
    string Id,
    string PhoneNumberId,
    string ConversationId,
    int? ErrorCode,
    string? ErrorTitle,
    int Attempts,
    DateTimeOffset FailedAt,
    long? TicketId,
    long? TicketSequence)
{
    public static DeadLetterResponse From(OutboundMessage message) => new(
        message.Id, message.PhoneNumberId, message.ConversationId, message.ErrorCode,
        message.ErrorCode is { } code ? GraphErrorTitles.For(code) : null, message.Attempts, message.UpdatedAt,
        message.Ticket?.TicketId, message.Ticket?.Sequence);
}

/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterResponse> Items, string? NextCursor);

/// <summary>Which dead letters to send again: these ids, or all that match the filter, or the ids among those.</summary>
public sealed record RedriveRequest(string? TenantId, IReadOnlyList<string>? Ids, RedriveFilter? Filter);

public sealed record RedriveFilter(string? PhoneNumberId, int? ErrorCode, DateTimeOffset? From, DateTimeOffset? To, string? ConversationId);

public sealed record RedriveResponse(long AuditId, int Requested, int Redriven, string Result, IReadOnlyList<string> Ids);

public sealed record RedriveAuditResponse(IReadOnlyList<RedriveRecordResponse> Items);

public sealed record RedriveRecordResponse(long Id, string Actor, DateTimeOffset At, string Request, int Requested, int Redriven, string Result)
{
    public static RedriveRecordResponse From(RedriveRecord record) =>
        new(record.Id, record.Actor, record.At, record.Request, record.Requested, record.Redriven, record.Result);
}

/// <summary>The page cursor, opaque to clients: base64url of "ticks:id".</summary>
public static class DeadLetterCursors
{
    public static string Encode(DeadLetterCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{cursor.FailedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{cursor.Id}"));

    public static bool TryDecode(string text, out DeadLetterCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                cursor = new DeadLetterCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            }
        }
        catch (FormatException)
        {
            // Not base64url: reported as a bad cursor below.
        }
        return cursor is not null;
    }
}
