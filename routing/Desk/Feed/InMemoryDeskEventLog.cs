using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Desk.Feed;

public sealed class InMemoryDeskEventLog : IDeskEventLog
{
    private readonly Lock _gate = new();
    private readonly List<DeskEvent> _events = [];
    private readonly Dictionary<(TenantId, string), long> _keys = [];

    public Task<long> AppendAsync(TenantId tenantId, string kind, long? ticketId, string payload, string? dedupeKey, DateTimeOffset at,
        DeskAudience? audience = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (dedupeKey is not null && _keys.TryGetValue((tenantId, dedupeKey), out var existing))
            {
                return Task.FromResult(existing);
            }
            var id = _events.Count + 1L;
            _events.Add(new DeskEvent(id, tenantId, kind, ticketId, payload, at, audience));
            if (dedupeKey is not null)
            {
                _keys[(tenantId, dedupeKey)] = id;
            }
            return Task.FromResult(id);
        }
    }

    public Task<IReadOnlyList<DeskEvent>> ReadAfterAsync(TenantId tenantId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DeskEvent>>(_events.Where(e => e.TenantId == tenantId && e.Id > afterId).Take(limit).ToList());
        }
    }

    public Task<long> LastIdAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_events.LastOrDefault(e => e.TenantId == tenantId)?.Id ?? 0L);
        }
    }
}
