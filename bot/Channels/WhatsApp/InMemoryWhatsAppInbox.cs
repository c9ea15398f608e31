using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed class InMemoryWhatsAppInbox : IWhatsAppInbox
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Row> _pending = [];
    private readonly Dictionary<(TenantId, string), DateTimeOffset> _handled = [];
    private long _lastId;

    public Task AcceptAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _pending[++_lastId] = new Row(entry, 0, DateTimeOffset.MinValue);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InboxItem>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _pending.Where(p => p.Value.LeasedUntil < now).Take(max).ToList();
            foreach (var (id, row) in claimed)
            {
                _pending[id] = row with { Attempts = row.Attempts + 1, LeasedUntil = leaseUntil };
            }
            return Task.FromResult<IReadOnlyList<InboxItem>>(claimed.Select(p => new InboxItem(p.Key, p.Value.Entry, p.Value.Attempts + 1)).ToList());
        }
    }

    public Task CompleteAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) => RemoveAsync(id);

    public Task SetAsideAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) => RemoveAsync(id);

    public Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_pending.Count);
        }
    }

    public Task<bool> WasHandledAsync(TenantId tenantId, string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_handled.ContainsKey((tenantId, key)));
        }
    }

    public Task MarkHandledAsync(TenantId tenantId, string key, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _handled.TryAdd((tenantId, key), at);
        }
        return Task.CompletedTask;
    }

    /// <summary>Completed rows are dropped at once here; only the keys age out.</summary>
    public Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in _handled.Where(h => h.Value < before).Select(h => h.Key).ToList())
            {
                _handled.Remove(key);
            }
        }
        return Task.CompletedTask;
    }

    private Task RemoveAsync(long id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
        return Task.CompletedTask;
    }

    private sealed record Row(InboxEntry Entry, int Attempts, DateTimeOffset LeasedUntil);
}
