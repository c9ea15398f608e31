using System.Globalization;
using Atendimento.Routing.Sla;
using YamlDotNet.RepresentationModel;

namespace Atendimento.Bot.Dialogs;

/// <summary>
/// Reads the optional <c>businessHours</c> of <c>bot.yaml</c>: <c>timeZone</c> (IANA), <c>week</c> (day name →
/// list of "HH:mm-HH:mm"), <c>holidays</c> (yyyy-MM-dd) and <c>closedMessage</c> (may use {ticket}).
/// </summary>
internal static class BusinessHoursReader
{
    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday, ["sunday"] = DayOfWeek.Sunday,
    };

    public static BusinessHours? Read(YamlReader reader, YamlMappingNode node)
    {
        reader.RejectUnknownKeys(node, "timeZone", "week", "holidays", "closedMessage");
        var zone = Zone(reader, node);
        var week = reader.Map(node, "week") is { } weekNode ? Week(reader, weekNode) : null;
        var holidays = Holidays(reader, node);
        var closed = reader.String(node, "closedMessage");
        return zone is null || week is null || closed is null ? null : new BusinessHours(new BusinessCalendar(zone, week, holidays), closed);
    }

    private static TimeZoneInfo? Zone(YamlReader reader, YamlMappingNode node)
    {
        if (reader.String(node, "timeZone") is not { } id)
        {
            return null;
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }
        reader.Error(YamlReader.Line(node, "timeZone"), $"unknown time zone '{id}' (use an IANA name such as America/Sao_Paulo)");
        return null;
    }

    private static Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Week(YamlReader reader, YamlMappingNode node)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!Days.TryGetValue(name, out var day))
            {
                reader.Error(YamlReader.Line(key), $"unknown day '{name}' (expected monday … sunday)");
                continue;
            }
            week[day] = reader.Strings(node, name).Select(text => Interval(reader, YamlReader.Line(node, name), text)).OfType<OpeningInterval>().ToList();
        }
        return week;
    }

    private static OpeningInterval? Interval(YamlReader reader, int line, string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && TimeOfDay(parts[0], allowEndOfDay: false) is { } open && TimeOfDay(parts[1], allowEndOfDay: true) is { } close && open < close)
        {
            return new OpeningInterval(open, close);
        }
        reader.Error(line, $"'{text}' is not an opening interval like 08:00-18:00 (24:00 may end a day)");
        return null;
    }

    private static TimeSpan? TimeOfDay(string text, bool allowEndOfDay)
    {
        if (allowEndOfDay && text == "24:00")
        {
            return TimeSpan.FromHours(24);
        }
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToTimeSpan() : null;
    }

    private static HashSet<DateOnly> Holidays(YamlReader reader, YamlMappingNode node)
    {
        var holidays = new HashSet<DateOnly>();
        foreach (var text in reader.Strings(node, "holidays", required: false))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                reader.Error(YamlReader.Line(node, "holidays"), $"'{text}' is not a date like 2026-12-25");
            }
        }
        return holidays;
    }
}
