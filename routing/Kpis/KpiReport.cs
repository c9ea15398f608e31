using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Kpis;

/// <summary>The KPIs of one tenant for a period: one entry per bucket, and the backlog as it stands now.</summary>
public sealed record KpiReport(KpiQuery Query, DateTimeOffset ComputedAt, IReadOnlyList<KpiPeriod> Periods, IReadOnlyList<BacklogCount> Backlog);

/// <summary>The measures of one bucket. Times are in seconds; an average or percentile of nothing is null.</summary>
public sealed record KpiPeriod(
    DateTimeOffset Start,
    DateTimeOffset End,
    DurationStats FirstResponse,
    DurationStats HandleTime,
    DurationStats Resolution,
    IReadOnlyList<SlaHits> Sla,
    TicketMovement Movement,
    BotContainment Bot);

/// <summary>How many tickets a duration was measured on, and its average and percentiles (percentile_cont, linear).</summary>
public sealed record DurationStats(long Count, double? AverageSeconds, double? P50Seconds, double? P90Seconds)
{
    public static readonly DurationStats None = new(0, null, null, null);
}

public enum SlaTargetKind
{
    FirstResponse,
    Resolution,
}

/// <summary>
/// SLA targets decided in the bucket for one priority and level: met when answered (or resolved) by the deadline,
/// breached when the deadline passed first.
/// </summary>
public sealed record SlaHits(SlaTargetKind Target, TicketPriority Priority, SupportLevel Level, long Met, long Breached)
{
    public double? HitRate => Met + Breached == 0 ? null : (double)Met / (Met + Breached);
}

/// <summary>Tickets opened in the bucket, and how many of them were ever transferred or escalated (from the audit log).</summary>
public sealed record TicketMovement(long Opened, long Transferred, long Escalated)
{
    public double? TransferredRate => Opened == 0 ? null : (double)Transferred / Opened;

    public double? EscalatedRate => Opened == 0 ? null : (double)Escalated / Opened;
}

/// <summary>
/// Conversations the bot brought to the end of a dialog without a handoff, against the handoffs (tickets opened).
/// <see cref="ResolvedByBot"/> is null when not measured: with a level or queue filter, or when no bot records them.
/// </summary>
public sealed record BotContainment(long? ResolvedByBot, long HandedOff)
{
    public double? ResolvedByBotRate => ResolvedByBot is not { } bot || bot + HandedOff == 0 ? null : (double)bot / (bot + HandedOff);
}

/// <summary>Active tickets now, per status, level and queue.</summary>
public sealed record BacklogCount(TicketStatus Status, SupportLevel Level, string Queue, long Count);
