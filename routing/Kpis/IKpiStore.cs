using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// Measures the tickets of one tenant for a <see cref="KpiQuery"/>. The PostgreSQL store computes everything in
/// SQL; the in-memory one is its equivalent for the embedded default. Both run KpiStoreContract.
/// </summary>
public interface IKpiStore
{
    /// <summary><paramref name="now"/> decides which SLA deadlines have passed and is the moment of the backlog.</summary>
    Task<KpiMeasures> MeasureAsync(TenantId tenantId, KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>The ticket measures per bucket (keyed by <see cref="KpiBucket.Key"/>); buckets with nothing are absent.</summary>
public sealed record KpiMeasures(
    IReadOnlyDictionary<DateTimeOffset, DurationStats> FirstResponse,
    IReadOnlyDictionary<DateTimeOffset, DurationStats> HandleTime,
    IReadOnlyDictionary<DateTimeOffset, DurationStats> Resolution,
    IReadOnlyList<(DateTimeOffset Bucket, SlaHits Hits)> Sla,
    IReadOnlyDictionary<DateTimeOffset, TicketMovement> Movement,
    IReadOnlyList<BacklogCount> Backlog);

/// <summary>
/// The bot's side of "resolved by the bot vs handed off", implemented by the bot module (routing knows nothing of
/// bots). Counts per bucket of <see cref="KpiQuery.BucketOf"/>, honouring the channel filter.
/// </summary>
public interface IBotResolutions
{
    /// <summary>Null when this host does not record them.</summary>
    Task<IReadOnlyDictionary<DateTimeOffset, long>?> CountAsync(TenantId tenantId, KpiQuery query, CancellationToken cancellationToken = default);
}

/// <summary>The default until a bot registers its own: nothing recorded, so the KPI says "not measured" rather than 0.</summary>
internal sealed class NoBotResolutions : IBotResolutions
{
    public Task<IReadOnlyDictionary<DateTimeOffset, long>?> CountAsync(TenantId tenantId, KpiQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<DateTimeOffset, long>?>(null);
}
