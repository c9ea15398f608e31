namespace Atendimento.Routing.Sla;

/// <summary>One opening interval of a day, as local times of day; Close is exclusive and may be 24:00.</summary>
public readonly record struct OpeningInterval(TimeSpan Open, TimeSpan Close)
{
    public bool Contains(TimeOnly time) => time.ToTimeSpan() >= Open && time.ToTimeSpan() < Close;
}

/// <summary>
/// When a team works: weekly intervals (several a day allowed) in one time zone, minus holidays. SLA clocks count
/// only the time inside it, and the bot tells customers honestly when people are back. Local times are turned into
/// instants with the zone's offset of that day, so a daylight-saving change moves the instants, not the hours.
/// </summary>
public sealed record BusinessCalendar(
    TimeZoneInfo TimeZone,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Week,
    IReadOnlySet<DateOnly> Holidays)
{
    /// <summary>How far ahead an opening is looked for before the calendar is declared never open.</summary>
    private const int MaxDaysAhead = 3 * 366;

    /// <summary>Open every hour of every day, in UTC: for teams without business hours.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        TimeZoneInfo.Utc,
        Enum.GetValues<DayOfWeek>().ToDictionary(day => day, _ => (IReadOnlyList<OpeningInterval>)[new OpeningInterval(TimeSpan.Zero, TimeSpan.FromDays(1))]),
        new HashSet<DateOnly>());

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IntervalsOn(DateOnly.FromDateTime(local.DateTime)).Any(interval => interval.Contains(time));
    }

    /// <summary>The instant when <paramref name="duration"/> of working time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        var left = duration;
        foreach (var (open, close) in OpenPeriodsFrom(start))
        {
            var from = open < start ? start : open;
            if (close - from >= left)
            {
                return from + left;
            }
            left -= close - from;
        }
        throw new InvalidOperationException($"The calendar has no opening within {MaxDaysAhead} days of {start:O}.");
    }

    /// <summary>The working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }
        foreach (var (open, close) in OpenPeriodsFrom(from))
        {
            if (open >= to)
            {
                break;
            }
            total += (close < to ? close : to) - (open < from ? from : open);
        }
        return total;
    }

    /// <summary>The open periods, as instants, that end after <paramref name="start"/>, in order.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> OpenPeriodsFrom(DateTimeOffset start)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZone).DateTime);
        for (var i = 0; i < MaxDaysAhead; i++, day = day.AddDays(1))
        {
            foreach (var interval in IntervalsOn(day).OrderBy(interval => interval.Open))
            {
                var (open, close) = (ToInstant(day, interval.Open), ToInstant(day, interval.Close));
                if (close > start)
                {
                    yield return (open, close);
                }
            }
        }
    }

    private IReadOnlyList<OpeningInterval> IntervalsOn(DateOnly day) =>
        !Holidays.Contains(day) && Week.TryGetValue(day.DayOfWeek, out var intervals) ? intervals : [];

    private DateTimeOffset ToInstant(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
