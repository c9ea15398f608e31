using Atendimento.Bot.Conversations;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed partial class InMemoryWhatsAppOutbox : IWhatsAppOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, string), Row> _rows = [];
    private long _sequence;

    public Task<OutboundMessage> AddAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((message.TenantId, message.Id), out var row))
            {
                _rows[(message.TenantId, message.Id)] = row = new Row(message, ++_sequence, message.UpdatedAt, null);
            }
            return Task.FromResult(row.Message);
        }
    }

    public Task<OutboundMessage?> GetAsync(TenantId tenantId, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((tenantId, id))?.Message);
        }
    }

    public Task<OutboundMessage?> FindByWamidAsync(TenantId tenantId, string wamid, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(FindByWamid(tenantId, wamid)?.Message);
        }
    }

    public Task<bool> TryClaimAsync(TenantId tenantId, string id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((tenantId, id), out var row) || !IsFree(row, now) || !IsHead(row))
            {
                return Task.FromResult(false);
            }
            _rows[(tenantId, id)] = row with { LeasedUntil = leaseUntil };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var due = _rows.Values.Where(r => IsHead(r) && IsFree(r, now) && r.NextAttemptAt <= now)
                .OrderBy(r => r.NextAttemptAt).Take(max).ToList();
            foreach (var row in due)
            {
                _rows[Key(row)] = row with { LeasedUntil = leaseUntil };
            }
            return Task.FromResult<IReadOnlyList<OutboundMessage>>(due.Select(r => r.Message).ToList());
        }
    }

    public Task MarkSentAsync(TenantId tenantId, string id, string? wamid, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(tenantId, id, r => r with { Message = r.Message with { State = DeliveryState.Sent, Wamid = wamid, UpdatedAt = at }, LeasedUntil = null });

    public Task RescheduleAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset nextAttemptAt, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(tenantId, id, r => r with
        {
            Message = r.Message with { Attempts = r.Message.Attempts + 1, ErrorCode = errorCode, UpdatedAt = at },
            NextAttemptAt = nextAttemptAt,
            LeasedUntil = null,
        });

    public Task MarkFailedAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Update(tenantId, id, r => r with
        {
            Message = r.Message with { State = DeliveryState.Failed, ErrorCode = errorCode, DeadLetter = true, UpdatedAt = at },
            LeasedUntil = null,
        });

    public Task<StatusOutcome> ApplyStatusAsync(TenantId tenantId, string wamid, DeliveryState state, int? errorCode, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = FindByWamid(tenantId, wamid);
            if (found is null || !DeliveryStates.CanMove(found.Message.State, state))
            {
                return Task.FromResult(found is null ? StatusOutcome.UnknownMessage : StatusOutcome.Unchanged);
            }
            _rows[Key(found)] = found with { Message = found.Message with { State = state, ErrorCode = errorCode ?? found.Message.ErrorCode, UpdatedAt = at } };
            return Task.FromResult(StatusOutcome.Applied);
        }
    }

    /// <summary>Changes a queued message only: a sent or dead message is never touched by a late send.</summary>
    private Task Update(TenantId tenantId, string id, Func<Row, Row> change)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((tenantId, id), out var row) && row.Message.State == DeliveryState.Queued)
            {
                _rows[(tenantId, id)] = change(row);
            }
        }
        return Task.CompletedTask;
    }

    private Row? FindByWamid(TenantId tenantId, string wamid) =>
        _rows.Values.FirstOrDefault(r => r.Message.TenantId == tenantId && r.Message.Wamid == wamid);

    private bool IsHead(Row row) => row.Message.State == DeliveryState.Queued
        && !_rows.Values.Any(o => o.Message.State == DeliveryState.Queued && o.Sequence < row.Sequence
            && o.Message.TenantId == row.Message.TenantId && o.Message.ConversationId == row.Message.ConversationId);

    private static bool IsFree(Row row, DateTimeOffset now) =>
        row.Message.State == DeliveryState.Queued && (row.LeasedUntil is null || row.LeasedUntil < now);

    private static (TenantId, string) Key(Row row) => (row.Message.TenantId, row.Message.Id);

    private sealed record Row(OutboundMessage Message, long Sequence, DateTimeOffset NextAttemptAt, DateTimeOffset? LeasedUntil);
}
