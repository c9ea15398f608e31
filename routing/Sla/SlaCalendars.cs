using System.Globalization;
using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Sla;

/// <summary>
/// The business calendar of each tenant, built once from <see cref="SlaOptions"/>: the tenant's named calendar,
/// else <see cref="SlaOptions.DefaultCalendar"/>, else open around the clock. Start-up validation
/// (<see cref="SlaOptionsValidation"/>) has already refused unknown names, zones and malformed intervals.
/// </summary>
public sealed class SlaCalendars
{
    private readonly Dictionary<string, BusinessCalendar> _byName;
    private readonly Dictionary<string, string> _byTenant;
    private readonly BusinessCalendar _default;

    public SlaCalendars(IOptions<SlaOptions> options)
    {
        var sla = options.Value;
        _byName = sla.Calendars.ToDictionary(pair => pair.Key, pair => Build(pair.Value), StringComparer.Ordinal);
        _byTenant = new Dictionary<string, string>(sla.TenantCalendars, StringComparer.Ordinal);
        _default = sla.DefaultCalendar is { } name ? _byName[name] : BusinessCalendar.AlwaysOpen;
    }

    public BusinessCalendar For(TenantId tenant) =>
        _byTenant.TryGetValue(tenant.Value, out var name) && _byName.TryGetValue(name, out var calendar) ? calendar : _default;

    internal static BusinessCalendar Build(SlaCalendarOptions options) => new(
        TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone),
        options.Week.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<OpeningInterval>)[.. pair.Value.Select(text => ParseInterval(text)!.Value)]),
        options.Holidays.ToHashSet());

    /// <summary>"08:00-12:00" as an interval; null when malformed or empty. "24:00" may close a day.</summary>
    internal static OpeningInterval? ParseInterval(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TimeOfDay(parts[0]) is { } open && TimeOfDay(parts[1]) is { } close && open < close && open < TimeSpan.FromDays(1)
            ? new OpeningInterval(open, close)
            : null;
    }

    private static TimeSpan? TimeOfDay(string text) => text == "24:00" ? TimeSpan.FromDays(1)
        : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToTimeSpan() : null;
}

/// <summary>Refuses at start-up what would make a deadline wrong later: unknown zones or names, bad intervals, a bad fraction.</summary>
public sealed class SlaOptionsValidation : IValidateOptions<SlaOptions>
{
    public ValidateOptionsResult Validate(string? name, SlaOptions options)
    {
        var errors = new List<string>();
        if (options.WarningFraction is <= 0 or >= 1)
        {
            errors.Add($"Sla:WarningFraction must be between 0 and 1 (exclusive); it is {options.WarningFraction}.");
        }
        foreach (var (calendar, definition) in options.Calendars)
        {
            errors.AddRange(CalendarErrors(calendar, definition));
        }
        var references = options.TenantCalendars.Select(pair => (Where: $"Sla:TenantCalendars:{pair.Key}", Name: pair.Value)).ToList();
        if (options.DefaultCalendar is { } fallback)
        {
            references.Add(("Sla:DefaultCalendar", fallback));
        }
        errors.AddRange(references.Where(reference => !options.Calendars.ContainsKey(reference.Name))
            .Select(reference => $"{reference.Where} names calendar '{reference.Name}', which Sla:Calendars does not define."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> CalendarErrors(string name, SlaCalendarOptions calendar)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZone, out _))
        {
            yield return $"Sla:Calendars:{name}:TimeZone '{calendar.TimeZone}' is not a known time zone (use an IANA name such as America/Sao_Paulo).";
        }
        foreach (var (day, intervals) in calendar.Week)
        {
            foreach (var text in intervals.Where(text => SlaCalendars.ParseInterval(text) is null))
            {
                yield return $"Sla:Calendars:{name}:Week:{day} has '{text}', which is not an interval like 08:00-18:00.";
            }
        }
        if (calendar.Week.Values.All(intervals => intervals.Count == 0))
        {
            yield return $"Sla:Calendars:{name} is never open; give it at least one interval in Week.";
        }
    }
}
