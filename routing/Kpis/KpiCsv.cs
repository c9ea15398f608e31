using System.Globalization;
using System.Text;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// The KPI report as CSV (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a comma, a quote
/// or a line break (quotes doubled), numbers and times in the invariant culture. One row per measure, so every
/// figure of the JSON has a row and a spreadsheet can pivot them.
/// </summary>
public static class KpiCsv
{
    public const string ContentType = "text/csv";
    public const string Header = "period_start,period_end,metric,target,priority,level,status,queue,count,value";

    public static string Write(KpiReport report)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var period in report.Periods)
        {
            WritePeriod(csv, period);
        }
        foreach (var backlog in report.Backlog)
        {
            Row(csv, null, "backlog", status: backlog.Status.ToString(), level: backlog.Level.ToString(), queue: backlog.Queue, count: backlog.Count);
        }
        return csv.ToString();
    }

    private static void WritePeriod(StringBuilder csv, KpiPeriod period)
    {
        Durations(csv, period, "first_response", period.FirstResponse);
        Durations(csv, period, "handle_time", period.HandleTime);
        Durations(csv, period, "resolution", period.Resolution);
        foreach (var sla in period.Sla)
        {
            Row(csv, period, "sla_hit_rate", sla.Target.ToString(), sla.Priority.ToString(), sla.Level.ToString(), count: sla.Met + sla.Breached, value: sla.HitRate);
        }
        Row(csv, period, "opened", count: period.Movement.Opened);
        Row(csv, period, "transferred_rate", count: period.Movement.Transferred, value: period.Movement.TransferredRate);
        Row(csv, period, "escalated_rate", count: period.Movement.Escalated, value: period.Movement.EscalatedRate);
        Row(csv, period, "handed_off", count: period.Bot.HandedOff);
        Row(csv, period, "resolved_by_bot_rate", count: period.Bot.ResolvedByBot, value: period.Bot.ResolvedByBotRate);
    }

    private static void Durations(StringBuilder csv, KpiPeriod period, string metric, DurationStats stats)
    {
        Row(csv, period, metric + "_avg_seconds", count: stats.Count, value: stats.AverageSeconds);
        Row(csv, period, metric + "_p50_seconds", count: stats.Count, value: stats.P50Seconds);
        Row(csv, period, metric + "_p90_seconds", count: stats.Count, value: stats.P90Seconds);
    }

    private static void Row(StringBuilder csv, KpiPeriod? period, string metric, string? target = null, string? priority = null,
        string? level = null, string? status = null, string? queue = null, long? count = null, double? value = null)
    {
        string?[] fields =
        [
            Time(period?.Start), Time(period?.End), metric, target, priority, level, status, queue,
            count?.ToString(CultureInfo.InvariantCulture), value is { } v ? Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture) : null,
        ];
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    private static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quoted only when it must be, with inner quotes doubled.</summary>
    public static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
