using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Atendimento.Platform.Metrics;

/// <summary>The Prometheus text exposition format (version 0.0.4): names, labels, escaping, and the three shapes we emit.</summary>
internal static class PrometheusText
{
    public static void Write(StringBuilder text, Instrument instrument, ConcurrentDictionary<string, Series> series, double[] bounds)
    {
        var name = Name(instrument);
        var (type, suffix) = instrument switch
        {
            Histogram<double> or Histogram<long> => ("histogram", string.Empty),
            Counter<long> or Counter<double> or Counter<int> or ObservableCounter<long> or ObservableCounter<double> => ("counter", "_total"),
            _ => ("gauge", string.Empty),
        };
        text.Append("# HELP ").Append(name).Append(suffix).Append(' ').Append(EscapeHelp(instrument.Description ?? instrument.Name)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(suffix).Append(' ').Append(type).Append('\n');
        foreach (var (labels, values) in series.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var (sum, count, buckets) = values.Snapshot();
            if (type == "histogram")
            {
                WriteHistogram(text, name, labels, bounds, sum, count, buckets);
            }
            else
            {
                text.Append(name).Append(suffix).Append(Braces(labels)).Append(' ').Append(Number(sum)).Append('\n');
            }
        }
    }

    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            parts.Add($"{Sanitize(key)}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)}\"");
        }
        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private static void WriteHistogram(StringBuilder text, string name, string labels, double[] bounds, double sum, long count, long[] buckets)
    {
        var cumulative = 0L;
        for (var i = 0; i <= bounds.Length; i++)
        {
            cumulative += buckets[i];
            var le = i < bounds.Length ? Number(bounds[i]) : "+Inf";
            text.Append(name).Append("_bucket").Append(Braces(Join(labels, $"le=\"{le}\""))).Append(' ').Append(cumulative).Append('\n');
        }
        text.Append(name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Number(sum)).Append('\n');
        text.Append(name).Append("_count").Append(Braces(labels)).Append(' ').Append(count).Append('\n');
    }

    /// <summary>"atendimento.bot.turn.duration" in ms becomes "atendimento_bot_turn_duration_ms".</summary>
    private static string Name(Instrument instrument) =>
        Sanitize(instrument.Name) + (string.IsNullOrEmpty(instrument.Unit) ? string.Empty : "_" + Sanitize(instrument.Unit));

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return builder.Length > 0 && char.IsAsciiDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary>HELP text escapes only backslash and newline; a quote stays as it is.</summary>
    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Label values escape backslash, quote and newline.</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    private static string Braces(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
