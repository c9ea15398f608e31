using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Kpis;

/// <summary>Puts the ticket measures and the bot's resolutions together into one report, bucket by bucket.</summary>
public sealed partial class KpiService(IKpiStore store, IBotResolutions bot, TimeProvider clock, ILogger<KpiService> logger)
{
    public async Task<KpiReport> ComputeAsync(TenantId tenantId, KpiQuery query, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var measures = await store.MeasureAsync(tenantId, query, now, cancellationToken);
        var resolvedByBot = query.MeasuresBot ? await bot.CountAsync(tenantId, query, cancellationToken) : null;
        var periods = query.Buckets().Select(bucket => Period(bucket, measures, resolvedByBot)).ToList();
        LogComputed(tenantId.Value, query.GroupBy, periods.Count);
        return new KpiReport(query, now, periods, Ordered(measures.Backlog));
    }

    private static KpiPeriod Period(KpiBucket bucket, KpiMeasures measures, IReadOnlyDictionary<DateTimeOffset, long>? resolvedByBot)
    {
        var movement = measures.Movement.GetValueOrDefault(bucket.Key) ?? new TicketMovement(0, 0, 0);
        return new KpiPeriod(
            bucket.Start,
            bucket.End,
            measures.FirstResponse.GetValueOrDefault(bucket.Key) ?? DurationStats.None,
            measures.HandleTime.GetValueOrDefault(bucket.Key) ?? DurationStats.None,
            measures.Resolution.GetValueOrDefault(bucket.Key) ?? DurationStats.None,
            measures.Sla.Where(s => s.Bucket == bucket.Key).Select(s => s.Hits)
                .OrderBy(h => h.Target).ThenByDescending(h => h.Priority).ThenBy(h => h.Level).ToList(),
            movement,
            // Every ticket is a handoff, so the tickets opened are the conversations the bot handed off.
            new BotContainment(resolvedByBot is null ? null : resolvedByBot.GetValueOrDefault(bucket.Key), movement.Opened));
    }

    private static List<BacklogCount> Ordered(IReadOnlyList<BacklogCount> backlog) =>
        backlog.OrderBy(b => b.Status).ThenBy(b => b.Level).ThenBy(b => b.Queue, StringComparer.Ordinal).ToList();

    [LoggerMessage(EventId = 3650, Level = LogLevel.Debug, Message = "KPIs computed for tenant {TenantId}, grouped by {Grouping}, {Periods} period(s)")]
    private partial void LogComputed(string tenantId, KpiGrouping grouping, int periods);
}
