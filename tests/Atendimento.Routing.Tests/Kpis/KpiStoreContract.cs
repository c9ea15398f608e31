using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Kpis;
using Atendimento.Routing.Tickets;
using Atendimento.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Atendimento.Routing.Tests.Kpis.KpiDataSet;

namespace Atendimento.Routing.Tests.Kpis;

/// <summary>
/// Every KPI on <see cref="KpiDataSet"/>, with the answers worked out by hand from its table; the in-memory and the
/// PostgreSQL stores run the same facts.
/// </summary>
public abstract class KpiStoreContract
{
    private const int Precision = 6;

    /// <summary>A ticket store and the KPI store that reads it.</summary>
    protected abstract Task<(ITicketStore Tickets, IKpiStore Kpis)> CreateStoresAsync();

    private IKpiStore? _seeded;

    /// <summary>Seeds the data set once per test (xUnit makes an instance per test), then measures it.</summary>
    private async Task<KpiReport> ReportAsync(KpiQuery query, DateTimeOffset? now = null, TenantId? tenant = null, IBotResolutions? bot = null)
    {
        if (_seeded is null)
        {
            var (tickets, stores) = await CreateStoresAsync();
            await SeedAsync(tickets);
            _seeded = stores;
        }
        var kpis = _seeded;
        var service = new KpiService(kpis, bot ?? new NoBotResolutions(), new FakeTimeProvider(now ?? Later), NullLogger<KpiService>.Instance);
        return await service.ComputeAsync(tenant ?? Acme, query);
    }

    [Fact]
    public async Task First_response_time_is_averaged_with_percentiles_over_tickets_first_answered_in_the_period()
    {
        var period = (await ReportAsync(new KpiQuery(From, To))).Periods.Single();

        // T1 300 s, T2 1200 s, T3 240 s, T6 60 s; T7 was answered before the period.
        Assert.Equal(4, period.FirstResponse.Count);
        Assert.Equal(450, period.FirstResponse.AverageSeconds!.Value, Precision);
        Assert.Equal(270, period.FirstResponse.P50Seconds!.Value, Precision);
        Assert.Equal(930, period.FirstResponse.P90Seconds!.Value, Precision);
    }

    [Fact]
    public async Task Handle_time_runs_from_accepted_or_else_assigned_to_resolved_for_tickets_resolved_in_the_period()
    {
        var period = (await ReportAsync(new KpiQuery(From, To))).Periods.Single();

        // T1 3720 s, T2 7080 s (never accepted: from its assignment), T6 600 s, T7 86400 s (opened the day before).
        Assert.Equal(4, period.HandleTime.Count);
        Assert.Equal(24_450, period.HandleTime.AverageSeconds!.Value, Precision);
    }

    [Fact]
    public async Task Time_to_resolution_runs_from_opened_to_resolved_for_tickets_resolved_in_the_period()
    {
        var period = (await ReportAsync(new KpiQuery(From, To))).Periods.Single();

        // T1 3900 s, T2 7200 s, T6 600 s, T7 86700 s.
        Assert.Equal(4, period.Resolution.Count);
        Assert.Equal(24_600, period.Resolution.AverageSeconds!.Value, Precision);
        Assert.Equal(5_550, period.Resolution.P50Seconds!.Value, Precision);
        Assert.Equal(62_850, period.Resolution.P90Seconds!.Value, Precision);
    }

    [Fact]
    public async Task Sla_hit_rate_is_given_by_target_priority_and_level_leaving_out_tickets_cancelled_before_meeting_it()
    {
        var period = (await ReportAsync(new KpiQuery(From, To))).Periods.Single();

        Assert.Equal(
        [
            new SlaHits(SlaTargetKind.FirstResponse, TicketPriority.Urgent, SupportLevel.N1, 1, 0),
            new SlaHits(SlaTargetKind.FirstResponse, TicketPriority.High, SupportLevel.N2, 0, 1),
            new SlaHits(SlaTargetKind.FirstResponse, TicketPriority.Normal, SupportLevel.N1, 2, 1),
            new SlaHits(SlaTargetKind.Resolution, TicketPriority.High, SupportLevel.N2, 1, 0),
            new SlaHits(SlaTargetKind.Resolution, TicketPriority.Normal, SupportLevel.N1, 2, 1),
        ], period.Sla);
        Assert.Equal(2.0 / 3, period.Sla[2].HitRate!.Value, Precision);
    }

    [Fact]
    public async Task The_tickets_own_verdict_decides_even_for_a_target_met_while_its_clock_was_paused()
    {
        var period = (await ReportAsync(new KpiQuery(From, To), tenant: Initech)).Periods.Single();

        // I1 answered in time and resolved with its resolution clock paused (no deadline on the ticket, verdict met);
        // I2 answered late (verdict breached) and now waits on the customer with its resolution clock paused.
        Assert.Equal(
        [
            new SlaHits(SlaTargetKind.FirstResponse, TicketPriority.Normal, SupportLevel.N1, 1, 1),
            new SlaHits(SlaTargetKind.Resolution, TicketPriority.Normal, SupportLevel.N1, 1, 0),
        ], period.Sla);
    }

    [Fact]
    public async Task A_deadline_still_ahead_is_not_counted_yet_while_a_passed_one_is_a_breach()
    {
        // At B+35m: T2's first answer came late (breached at B+20m); T4's first deadline (B+40m) and T3's resolution
        // deadline (B+60m) are still ahead.
        var period = (await ReportAsync(new KpiQuery(From, To), now: B.AddMinutes(35))).Periods.Single();

        Assert.Equal(
        [
            new SlaHits(SlaTargetKind.FirstResponse, TicketPriority.High, SupportLevel.N2, 0, 1),
            new SlaHits(SlaTargetKind.FirstResponse, TicketPriority.Normal, SupportLevel.N1, 2, 0),
            new SlaHits(SlaTargetKind.Resolution, TicketPriority.Normal, SupportLevel.N1, 1, 0),
        ], period.Sla);
    }

    [Fact]
    public async Task Transferred_and_escalated_are_shares_of_the_tickets_opened_in_the_period_read_from_the_audit_log()
    {
        var period = (await ReportAsync(new KpiQuery(From, To))).Periods.Single();

        // Opened: T1-T6. Transferred: T3 (to a queue), T6 (to an agent). Escalated: T2, T6.
        Assert.Equal(new TicketMovement(6, 2, 2), period.Movement);
        Assert.Equal(1.0 / 3, period.Movement.TransferredRate!.Value, Precision);
        Assert.Equal(1.0 / 3, period.Movement.EscalatedRate!.Value, Precision);
    }

    [Fact]
    public async Task The_backlog_counts_active_tickets_now_by_status_level_and_queue_whatever_the_period()
    {
        var report = await ReportAsync(new KpiQuery(From, To));

        Assert.Equal(
        [
            new BacklogCount(TicketStatus.Open, SupportLevel.N1, "geral", 1),
            new BacklogCount(TicketStatus.InProgress, SupportLevel.N1, "geral", 1),
            new BacklogCount(TicketStatus.WaitingOnCustomer, SupportLevel.N2, "tecnico", 1),
        ], report.Backlog);
    }

    [Fact]
    public async Task Grouped_by_day_each_day_has_its_own_figures_and_a_quiet_day_is_all_zero()
    {
        var report = await ReportAsync(new KpiQuery(From, To.AddDays(1), GroupBy: KpiGrouping.Day));

        Assert.Equal([From, From.AddDays(1), From.AddDays(2)], report.Periods.Select(p => p.Start));
        Assert.Equal([3L, 1, 0], report.Periods.Select(p => p.FirstResponse.Count));
        Assert.Equal(580, report.Periods[0].FirstResponse.AverageSeconds!.Value, Precision);
        Assert.Equal([5L, 1, 0], report.Periods.Select(p => p.Movement.Opened));
        Assert.Equal(DurationStats.None, report.Periods[2].Resolution);
    }

    [Fact]
    public async Task Grouped_by_week_buckets_start_on_monday_and_are_clipped_to_the_period()
    {
        var wednesday = new DateTimeOffset(2026, 10, 28, 0, 0, 0, TimeSpan.Zero);

        var report = await ReportAsync(new KpiQuery(wednesday, To, GroupBy: KpiGrouping.Week));

        Assert.Equal([(wednesday, From), (From, To)], report.Periods.Select(p => (p.Start, p.End)));
        // T7 was answered on Sunday 2026-11-01, in the first (clipped) week, and resolved on Monday, in the second.
        Assert.Equal([1L, 4], report.Periods.Select(p => p.FirstResponse.Count));
        Assert.Equal(600, report.Periods[0].FirstResponse.AverageSeconds!.Value, Precision);
        Assert.Equal([0L, 4], report.Periods.Select(p => p.Resolution.Count));
    }

    [Fact]
    public async Task Filters_by_level_queue_and_channel_keep_only_the_matching_tickets()
    {
        var whatsapp = (await ReportAsync(new KpiQuery(From, To, Channel: "whatsapp"))).Periods.Single();
        var n1 = (await ReportAsync(new KpiQuery(From, To, Level: SupportLevel.N1))).Periods.Single();
        var tecnico = await ReportAsync(new KpiQuery(From, To, Queue: "tecnico"));

        Assert.Equal((1L, 1200.0), (whatsapp.FirstResponse.Count, whatsapp.FirstResponse.AverageSeconds!.Value));
        Assert.Equal(new TicketMovement(1, 0, 1), whatsapp.Movement);
        Assert.Equal(3, n1.FirstResponse.Count);
        Assert.Equal(200, n1.FirstResponse.AverageSeconds!.Value, Precision);
        Assert.Equal([new BacklogCount(TicketStatus.WaitingOnCustomer, SupportLevel.N2, "tecnico", 1)], tecnico.Backlog);
    }

    [Fact]
    public async Task Another_tenant_sees_only_its_own_ticket()
    {
        var period = (await ReportAsync(new KpiQuery(From, To), tenant: Globex)).Periods.Single();

        Assert.Equal((1L, 60.0), (period.FirstResponse.Count, period.FirstResponse.AverageSeconds!.Value));
        Assert.Equal(new TicketMovement(1, 0, 1), period.Movement);
    }

    [Fact]
    public async Task Resolved_by_the_bot_is_set_against_the_handoffs_and_left_unmeasured_under_a_level_or_queue_filter()
    {
        var bot = new FixedBotResolutions(new Dictionary<DateTimeOffset, long> { [From] = 14 });

        var period = (await ReportAsync(new KpiQuery(From, To), bot: bot)).Periods.Single();
        var filtered = (await ReportAsync(new KpiQuery(From, To, Queue: "geral"), bot: bot)).Periods.Single();

        Assert.Equal(new BotContainment(14, 6), period.Bot);
        Assert.Equal(0.7, period.Bot.ResolvedByBotRate!.Value, Precision);
        Assert.Equal(new BotContainment(null, 5), filtered.Bot);
        Assert.Null(filtered.Bot.ResolvedByBotRate);
    }

    [Fact]
    public async Task A_period_without_tickets_has_counts_of_zero_and_no_averages()
    {
        var period = (await ReportAsync(new KpiQuery(From.AddYears(-1), To.AddYears(-1)))).Periods.Single();

        Assert.Equal(DurationStats.None, period.FirstResponse);
        Assert.Empty(period.Sla);
        Assert.Equal(new TicketMovement(0, 0, 0), period.Movement);
        Assert.Null(period.Movement.TransferredRate);
    }

    private sealed class FixedBotResolutions(IReadOnlyDictionary<DateTimeOffset, long> counts) : IBotResolutions
    {
        public Task<IReadOnlyDictionary<DateTimeOffset, long>?> CountAsync(TenantId tenantId, KpiQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<DateTimeOffset, long>?>(counts);
    }
}

public sealed class InMemoryKpiStoreTests : KpiStoreContract
{
    protected override Task<(ITicketStore Tickets, IKpiStore Kpis)> CreateStoresAsync()
    {
        var tickets = new InMemoryTicketStore();
        return Task.FromResult<(ITicketStore, IKpiStore)>((tickets, new InMemoryKpiStore(tickets)));
    }
}

public sealed class PostgresKpiStoreTests : KpiStoreContract, IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    protected override Task<(ITicketStore Tickets, IKpiStore Kpis)> CreateStoresAsync() =>
        Task.FromResult<(ITicketStore, IKpiStore)>((new PostgresTicketStore(_database.Schema.DataSource), new PostgresKpiStore(_database.Schema.DataSource)));
}
