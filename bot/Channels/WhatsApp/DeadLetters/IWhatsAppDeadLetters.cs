using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp.DeadLetters;

/// <summary>Which dead letters of one tenant: every given criterion must hold. <see cref="To"/> is exclusive.</summary>
public sealed record DeadLetterFilter(
    TenantId TenantId,
    string? PhoneNumberId = null,
    int? ErrorCode = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ConversationId = null)
{
    public bool Matches(OutboundMessage message) =>
        message.DeadLetter && message.TenantId == TenantId
        && (PhoneNumberId is null || message.PhoneNumberId == PhoneNumberId)
        && (ErrorCode is null || message.ErrorCode == ErrorCode)
        && (From is null || message.UpdatedAt >= From)
        && (To is null || message.UpdatedAt < To)
        && (ConversationId is null || message.ConversationId == ConversationId);
}

/// <summary>Where the previous page ended: dead letters are listed by the time they failed, then by id.</summary>
public sealed record DeadLetterCursor(DateTimeOffset FailedAt, string Id);

/// <summary>
/// The outbox messages we gave up on (<see cref="OutboundMessage.DeadLetter"/>): listed for an admin, and sent again on
/// request. A re-driven message is queued again from its first attempt and keeps its place in its conversation.
/// </summary>
public interface IWhatsAppDeadLetters
{
    Task<IReadOnlyList<OutboundMessage>> ListAsync(DeadLetterFilter filter, DeadLetterCursor? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Queues again the dead letters that match the filter (and, when given, have one of <paramref name="ids"/>); returns them.</summary>
    Task<IReadOnlyList<OutboundMessage>> RedriveAsync(DeadLetterFilter filter, IReadOnlyList<string>? ids, DateTimeOffset now, CancellationToken cancellationToken = default);
}
