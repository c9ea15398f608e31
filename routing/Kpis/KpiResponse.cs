namespace Atendimento.Routing.Kpis;

/// <summary>The JSON of <c>GET /api/v1/kpis</c>: enums as names, times in seconds, rates from 0 to 1 (null when nothing was measured).</summary>
public sealed record KpiResponse(
    string Tenant, DateTimeOffset From, DateTimeOffset To, string? Level, string? Queue, string? Channel, string GroupBy,
    DateTimeOffset ComputedAt, IReadOnlyList<KpiPeriodResponse> Periods, IReadOnlyList<BacklogResponse> Backlog)
{
    public static KpiResponse Of(string tenant, KpiReport report) => new(
        tenant, report.Query.From, report.Query.To, report.Query.Level?.ToString(), report.Query.Queue, report.Query.Channel,
        report.Query.GroupBy.ToString(), report.ComputedAt, report.Periods.Select(KpiPeriodResponse.Of).ToList(),
        report.Backlog.Select(b => new BacklogResponse(b.Status.ToString(), b.Level.ToString(), b.Queue, b.Count)).ToList());
}

public sealed record KpiPeriodResponse(
    DateTimeOffset Start, DateTimeOffset End, DurationStats FirstResponse, DurationStats HandleTime, DurationStats Resolution,
    IReadOnlyList<SlaHitsResponse> Sla, MovementResponse Movement, BotResponse Bot)
{
    public static KpiPeriodResponse Of(KpiPeriod period) => new(
        period.Start, period.End, period.FirstResponse, period.HandleTime, period.Resolution,
        period.Sla.Select(s => new SlaHitsResponse(s.Target.ToString(), s.Priority.ToString(), s.Level.ToString(), s.Met, s.Breached, s.HitRate)).ToList(),
        new MovementResponse(period.Movement.Opened, period.Movement.Transferred, period.Movement.Escalated,
            period.Movement.TransferredRate, period.Movement.EscalatedRate),
        new BotResponse(period.Bot.ResolvedByBot, period.Bot.HandedOff, period.Bot.ResolvedByBotRate));
}

public sealed record SlaHitsResponse(string Target, string Priority, string Level, long Met, long Breached, double? HitRate);

public sealed record MovementResponse(long Opened, long Transferred, long Escalated, double? TransferredRate, double? EscalatedRate);

public sealed record BotResponse(long? ResolvedByBot, long HandedOff, double? ResolvedByBotRate);

public sealed record BacklogResponse(string Status, string Level, string Queue, long Count);
