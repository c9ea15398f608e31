using Atendimento.Bot.Channels.WhatsApp.DeadLetters;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed partial class InMemoryWhatsAppOutbox : IWhatsAppDeadLetters
{
    public Task<IReadOnlyList<OutboundMessage>> ListAsync(DeadLetterFilter filter, DeadLetterCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboundMessage>>(_rows.Values.Select(r => r.Message)
                .Where(m => filter.Matches(m) && (after is null || IsAfter(m, after)))
                .OrderBy(m => m.UpdatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)
                .Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<OutboundMessage>> RedriveAsync(DeadLetterFilter filter, IReadOnlyList<string>? ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var chosen = _rows.Values.Where(r => filter.Matches(r.Message) && (ids is null || ids.Contains(r.Message.Id, StringComparer.Ordinal))).ToList();
            foreach (var row in chosen)
            {
                _rows[Key(row)] = row with
                {
                    Message = row.Message with { State = DeliveryState.Queued, DeadLetter = false, Attempts = 0, ErrorCode = null, UpdatedAt = now },
                    NextAttemptAt = now,
                    LeasedUntil = null,
                };
            }
            return Task.FromResult<IReadOnlyList<OutboundMessage>>(chosen.Select(r => _rows[Key(r)].Message).ToList());
        }
    }

    private static bool IsAfter(OutboundMessage message, DeadLetterCursor cursor) =>
        message.UpdatedAt > cursor.FailedAt || (message.UpdatedAt == cursor.FailedAt && string.CompareOrdinal(message.Id, cursor.Id) > 0);
}
