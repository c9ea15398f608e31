using System.Globalization;
using System.Text;

namespace Atendimento.WhatsAppLoad;

/// <summary>The figures the issue asks for, per number and overall, and whether they are within bounds.</summary>
internal sealed record LoadReport(LoadSettings Settings, LoadResult Result, IReadOnlyList<(string Number, WindowRates Accepted, WindowRates Requests)> Numbers, int Lost, int Duplicated)
{
    /// <summary>80 msg/s + 5 %.</summary>
    public double Ceiling => Settings.PerSecond * 1.05;

    public bool Passed => Lost == 0 && Duplicated == 0 && Result.Drained && Numbers.All(n => n.Accepted.MaxSliding <= Ceiling);

    public static LoadReport From(LoadSettings settings, LoadResult result)
    {
        var origin = result.Requests.Count == 0 ? 0 : result.Requests.Min(r => r.At);
        var numbers = result.Requests.Select(r => r.PhoneNumberId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(number => (number,
                WindowRates.Of(result.Accepted.Where(a => a.PhoneNumberId == number).Select(a => a.At), origin),
                WindowRates.Of(result.Requests.Where(r => r.PhoneNumberId == number).Select(r => r.At), origin)))
            .ToList();
        var takenPerKey = result.Accepted.Where(a => a.Key is not null).GroupBy(a => a.Key!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = result.ExpectedKeys.Count(key => !takenPerKey.ContainsKey(key));
        var duplicated = takenPerKey.Values.Count(count => count > 1);
        return new LoadReport(settings, result, numbers, lost, duplicated);
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, $"| figure | value |");
        Line(text, $"| --- | --- |");
        Line(text, $"| messages handed to the two hosts | {Result.ExpectedKeys.Count} |");
        Line(text, $"| send requests seen by the fake Graph API | {Result.Requests.Count} |");
        Line(text, $"| of which injected 5xx | {Result.InjectedServerErrors} ({Share(Result.InjectedServerErrors, Result.Requests.Count)}) |");
        Line(text, $"| messages taken by the fake | {Result.Accepted.Count} |");
        Line(text, $"| **messages lost** | **{Lost}** |");
        Line(text, $"| **messages taken twice** | **{Duplicated}** |");
        Line(text, $"| outbox at the end: sent / queued / dead letters | {Result.Outbox.Sent} / {Result.Outbox.Queued} / {Result.Outbox.DeadLetters} |");
        Line(text, $"| messages sent by the dispatcher after a failed send | {Result.Outbox.RetriedLater} |");
        Line(text, $"| deliveries that threw | {Result.FailedDeliveries} |");
        Line(text, $"| all handed over after / all taken after | {Result.HandedOver.TotalSeconds:F1} s / {Result.Finished.TotalSeconds:F1} s |");
        foreach (var (number, accepted, requests) in Numbers)
        {
            Line(text, $"| number {number}: taken, most in any 1-s window (sliding / clock second) | {accepted.Count}, **{accepted.MaxSliding}** (from {accepted.MaxSlidingAt:F2} s) / {accepted.MaxFixed} (ceiling {Ceiling:F0}) |");
            Line(text, $"| number {number}: requests incl. 5xx, most in any 1-s window (sliding / clock second) | {requests.Count}, {requests.MaxSliding} (from {requests.MaxSlidingAt:F2} s) / {requests.MaxFixed} |");
        }
        foreach (var (number, accepted, requests) in Numbers)
        {
            Line(text, "");
            Line(text, $"Taken per second of the run, number {number}: {string.Join(' ', accepted.PerSecond)}");
            Line(text, $"Requests per second of the run, number {number}: {string.Join(' ', requests.PerSecond)}");
        }
        Line(text, "");
        Line(text, Passed ? "RESULT: within bounds" : "RESULT: OUT OF BOUNDS");
        return text.ToString();
    }

    private static string Share(int part, int whole) => whole == 0 ? "0 %" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
