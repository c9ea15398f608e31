using System.Collections.Concurrent;
using System.Diagnostics;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Atendimento.RoutingLoad;

/// <summary>
/// How late an SLA event comes as open tickets grow: a schema holds N timers of tickets far from any deadline
/// (1 to 30 days away), the real watcher runs against PostgreSQL, and 200 probe moments due over the next few
/// seconds are scheduled from another store instance (as another host would). Reports the delay from each
/// moment to the event reaching a sink, and what one watcher round (fire due + next due) costs.
/// </summary>
internal static class SlaDelayMeasurement
{
    private const int Probes = 200;
    private static readonly TenantId Tenant = new("carga");

    public static async Task RunAsync(string postgres, IReadOnlyList<int> sizes)
    {
        Console.WriteLine("open timers | probes | delay p50 ms | p95 ms | max ms | watcher round ms (mean of 200)");
        foreach (var size in sizes)
        {
            await using var schema = await Schema.CreateAsync(postgres);
            await SeedFarTimersAsync(schema.DataSource, size);
            var (delays, round) = await MeasureAsync(schema.DataSource);
            delays.Sort();
            Console.WriteLine($"{size,11:N0} | {delays.Count,6} | {Percentile(delays, 0.5),12:F1} | {Percentile(delays, 0.95),6:F1} | {delays[^1],6:F1} | {round,8:F2}");
        }
    }

    private static async Task<(List<double> Delays, double RoundMs)> MeasureAsync(NpgsqlDataSource dataSource)
    {
        var store = new PostgresSlaTimerStore(dataSource);
        var sink = new ArrivalSink();
        var deliveries = new SlaDeliveries(store, [sink], TimeProvider.System, NullLogger<SlaDeliveries>.Instance);
        var watcher = new SlaWatcher(store, new SlaWakeUp(), deliveries, TimeProvider.System, NullLogger<SlaWatcher>.Instance);
        var round = await MeanRoundAsync(watcher);
        var otherInstance = new PostgresSlaTimerStore(dataSource);
        var start = TimeProvider.System.GetUtcNow().AddSeconds(1);
        for (var probe = 0; probe < Probes; probe++)
        {
            await otherInstance.ScheduleAsync(Tenant, 10_000_000 + probe, SlaMoment.FirstResponseBreach, start.AddMilliseconds(probe * 25));
        }
        using var stop = new CancellationTokenSource();
        await watcher.StartAsync(stop.Token);
        await deliveries.StartAsync(stop.Token);
        var deadline = Stopwatch.StartNew();
        while (sink.Arrivals.Count < Probes && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }
        await watcher.StopAsync(CancellationToken.None);
        await deliveries.StopAsync(CancellationToken.None);
        return (sink.Arrivals.Select(a => (a.At - a.Event.DueAt).TotalMilliseconds).ToList(), round);
    }

    /// <summary>The cost of one round of the watcher when nothing is due: the part that could grow with open tickets.</summary>
    private static async Task<double> MeanRoundAsync(SlaWatcher watcher)
    {
        await watcher.FireDueAsync(CancellationToken.None);
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            await watcher.FireDueAsync(CancellationToken.None);
        }
        return timer.Elapsed.TotalMilliseconds / 200;
    }

    private static async Task SeedFarTimersAsync(NpgsqlDataSource dataSource, int size)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sla_timers (tenant_id, ticket_id, moment, due_at)
            SELECT $1, g, m, now() + ((g % 30) + 1) * interval '1 day' + (g % 86400) * interval '1 second'
            FROM generate_series(1, $2) AS g, unnest(ARRAY['first_response_warning', 'resolution_breach']) AS m
            """).With(Tenant.Value, size / 2);
        await command.ExecuteNonQueryAsync();
        await using var analyze = dataSource.CreateCommand("ANALYZE sla_timers");
        await analyze.ExecuteNonQueryAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private sealed class ArrivalSink : ISlaEventSink
    {
        public ConcurrentQueue<(SlaEvent Event, DateTimeOffset At)> Arrivals { get; } = new();

        public Task DeliverAsync(SlaEvent raised, CancellationToken cancellationToken)
        {
            Arrivals.Enqueue((raised, TimeProvider.System.GetUtcNow()));
            return Task.CompletedTask;
        }
    }
}
