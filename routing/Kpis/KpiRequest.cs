using System.Globalization;
using Atendimento.Routing.Api;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Kpis;

/// <summary>Reads a KPI query from the query string, naming every bad field at once.</summary>
internal static class KpiRequest
{
    public static KpiQuery? Parse(FieldErrors errors, string? from, string? to, string? level, string? queue, string? channel, string? groupBy)
    {
        var start = Instant(errors, "from", from);
        var end = Instant(errors, "to", to);
        if (start is { } first && end is { } last)
        {
            if (last <= first)
            {
                errors.Add("to", "To must be after from.");
            }
            else if (last - first > TimeSpan.FromDays(KpiQuery.MaxDays))
            {
                errors.Add("to", $"A period is at most {KpiQuery.MaxDays} days long.");
            }
        }
        var query = new KpiQuery(start ?? default, end ?? default,
            errors.Enum<SupportLevel>("level", level, required: false),
            errors.Name("queue", queue, required: false),
            errors.Name("channel", channel, required: false),
            Grouping(errors, groupBy));
        return errors.Any ? null : query;
    }

    /// <summary>
    /// ISO 8601: a date (midnight UTC) or a date and time; a time without an offset is UTC. Anything else, such as
    /// "01/02/2026" (which culture?), is refused.
    /// </summary>
    private static DateTimeOffset? Instant(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{char.ToUpperInvariant(field[0])}{field[1..]} is required: an ISO 8601 date (2026-11-01) or date and time (2026-11-01T12:00:00Z).");
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmzzz",
            "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        if (DateTimeOffset.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        errors.Add(field, $"'{value}' is not an ISO 8601 date (2026-11-01) or date and time (2026-11-01T12:00:00Z).");
        return null;
    }

    private static KpiGrouping Grouping(FieldErrors errors, string? groupBy)
    {
        if (string.IsNullOrWhiteSpace(groupBy))
        {
            return KpiGrouping.None;
        }
        if (Enum.TryParse<KpiGrouping>(groupBy.Trim(), ignoreCase: true, out var grouping) && char.IsLetter(groupBy.Trim()[0]))
        {
            return grouping;
        }
        errors.Add("groupBy", $"Unknown groupBy '{groupBy}'. Use day, week or none.");
        return KpiGrouping.None;
    }
}
