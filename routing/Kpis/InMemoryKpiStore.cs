using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// The embedded default's KPIs, measured over a snapshot of the in-memory tickets with the same definitions as
/// the SQL in <see cref="PostgresKpiStore"/> (each rule is stated once there and mirrored here; the contract tests
/// hold the two together).
/// </summary>
public sealed class InMemoryKpiStore(InMemoryTicketStore tickets) : IKpiStore
{
    private static readonly TicketAction[] Transfers = [TicketAction.TransferToAgent, TicketAction.TransferToQueue];

    public Task<KpiMeasures> MeasureAsync(TenantId tenantId, KpiQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (all, audit) = tickets.Snapshot(tenantId);
        var matching = all.Where(t => Matches(query, t)).ToList();
        var measures = new KpiMeasures(
            Durations(query, matching, t => t.FirstResponseAt, t => t.OpenedAt),
            Durations(query, matching, t => t.ResolvedAt, t => t.AcceptedAt ?? t.AssignedAt),
            Durations(query, matching, t => t.ResolvedAt, t => t.OpenedAt),
            [.. Sla(query, matching, now, SlaTargetKind.FirstResponse), .. Sla(query, matching, now, SlaTargetKind.Resolution)],
            Movement(query, matching, audit),
            Backlog(matching));
        return Task.FromResult(measures);
    }

    private static bool Matches(KpiQuery query, Ticket ticket) =>
        (query.Level is null || ticket.Level == query.Level)
        && (query.Queue is null || string.Equals(ticket.Queue, query.Queue, StringComparison.Ordinal))
        && (query.Channel is null || string.Equals(ticket.Channel, query.Channel, StringComparison.Ordinal));

    private static bool InPeriod(KpiQuery query, DateTimeOffset at) => at >= query.From && at < query.To;

    /// <summary>From <paramref name="start"/> to <paramref name="end"/>, for tickets whose end falls in the period and that have a start.</summary>
    private static Dictionary<DateTimeOffset, DurationStats> Durations(
        KpiQuery query, List<Ticket> matching, Func<Ticket, DateTimeOffset?> end, Func<Ticket, DateTimeOffset?> start) =>
        matching
            .Where(t => end(t) is { } at && InPeriod(query, at) && start(t) is not null)
            .GroupBy(t => query.BucketOf(end(t)!.Value))
            .ToDictionary(g => g.Key, g => Stats(g.Select(t => (end(t)!.Value - start(t)!.Value).TotalSeconds)));

    /// <summary>As PostgreSQL's avg and percentile_cont: linear interpolation between the two nearest values.</summary>
    internal static DurationStats Stats(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length == 0
            ? DurationStats.None
            : new DurationStats(sorted.Length, sorted.Average(), Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    private static IEnumerable<(DateTimeOffset, SlaHits)> Sla(KpiQuery query, List<Ticket> matching, DateTimeOffset now, SlaTargetKind target)
    {
        var until = query.To < now ? query.To : now;
        return matching
            .Select(t => Outcome(t, target))
            .Where(o => o is { } outcome && outcome.DecidedAt >= query.From && outcome.DecidedAt < until && (outcome.Met || !outcome.Dropped))
            .Select(o => o!.Value)
            .GroupBy(o => (Bucket: query.BucketOf(o.DecidedAt), o.Ticket.Priority, o.Ticket.Level))
            .Select(g => (g.Key.Bucket, new SlaHits(target, g.Key.Priority, g.Key.Level, g.LongCount(o => o.Met), g.LongCount(o => !o.Met))));
    }

    /// <summary>
    /// The ticket's verdict first (met at the answer, breached at the deadline), which also covers a target met while
    /// its clock was paused and the ticket had no deadline; without one, a passed deadline is a breach at that moment.
    /// Cancelled and merged tickets that never met it do not count. As <see cref="KpiSql.Sla"/>.
    /// </summary>
    private static (Ticket Ticket, DateTimeOffset DecidedAt, bool Met, bool Dropped)? Outcome(Ticket ticket, SlaTargetKind target)
    {
        var (actual, due, breached) = target == SlaTargetKind.FirstResponse
            ? (ticket.FirstResponseAt, ticket.FirstResponseDueAt, ticket.FirstResponseBreached)
            : (ticket.ResolvedAt, ticket.ResolutionDueAt, ticket.ResolutionBreached);
        var dropped = ticket.Status is TicketStatus.Cancelled or TicketStatus.Merged;
        return breached switch
        {
            true when (due ?? actual) is { } at => (ticket, at, false, dropped),
            false when actual is { } at => (ticket, at, true, dropped),
            null when due is { } deadline => (ticket, actual is { } done && done < deadline ? done : deadline, actual is { } answered && answered <= deadline, dropped),
            _ => null,
        };
    }

    private static Dictionary<DateTimeOffset, TicketMovement> Movement(KpiQuery query, List<Ticket> matching, IReadOnlyList<TicketAuditEntry> audit)
    {
        var transferred = audit.Where(a => Transfers.Contains(a.Entry.Action)).Select(a => a.TicketId).ToHashSet();
        var escalated = audit.Where(a => a.Entry.Action == TicketAction.Escalate).Select(a => a.TicketId).ToHashSet();
        return matching
            .Where(t => InPeriod(query, t.OpenedAt))
            .GroupBy(t => query.BucketOf(t.OpenedAt))
            .ToDictionary(g => g.Key, g => new TicketMovement(g.LongCount(), g.LongCount(t => transferred.Contains(t.Id)), g.LongCount(t => escalated.Contains(t.Id))));
    }

    private static List<BacklogCount> Backlog(List<Ticket> matching) =>
        matching
            .Where(t => TicketLifecycle.IsActive(t.Status))
            .GroupBy(t => (t.Status, t.Level, t.Queue))
            .Select(g => new BacklogCount(g.Key.Status, g.Key.Level, g.Key.Queue, g.LongCount()))
            .ToList();
}
