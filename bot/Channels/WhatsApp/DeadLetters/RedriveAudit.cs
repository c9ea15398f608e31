using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp.DeadLetters;

/// <summary>One re-drive, as the audit keeps it: who, when, what they asked for (JSON), how many it matched and re-drove.</summary>
public sealed record RedriveRecord(long Id, TenantId TenantId, string Actor, DateTimeOffset At, string Request, int Requested, int Redriven, string Result);

/// <summary>Every re-drive is written here, successful or not; nothing is ever changed or deleted.</summary>
public interface IRedriveAudit
{
    Task<RedriveRecord> AppendAsync(RedriveRecord record, CancellationToken cancellationToken = default);

    /// <summary>The tenant's latest re-drives, newest first.</summary>
    Task<IReadOnlyList<RedriveRecord>> LatestAsync(TenantId tenantId, int limit, CancellationToken cancellationToken = default);
}

public sealed class InMemoryRedriveAudit : IRedriveAudit
{
    private readonly Lock _gate = new();
    private readonly List<RedriveRecord> _records = [];

    public Task<RedriveRecord> AppendAsync(RedriveRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var stored = record with { Id = _records.Count + 1 };
            _records.Add(stored);
            return Task.FromResult(stored);
        }
    }

    public Task<IReadOnlyList<RedriveRecord>> LatestAsync(TenantId tenantId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RedriveRecord>>(_records.Where(r => r.TenantId == tenantId).OrderByDescending(r => r.Id).Take(limit).ToList());
        }
    }
}
