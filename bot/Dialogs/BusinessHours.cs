namespace Atendimento.Bot.Dialogs;

/// <summary>One opening interval of a day, in the policy's time zone, as times of day; Close is exclusive and may be 24:00.</summary>
public readonly record struct OpeningInterval(TimeSpan Open, TimeSpan Close)
{
    public bool Contains(TimeOnly time) => time.ToTimeSpan() >= Open && time.ToTimeSpan() < Close;
}

/// <summary>
/// When people are there to answer: weekly intervals (several a day allowed) in one time zone, minus holidays.
/// The bot still opens the ticket out of hours, and tells the customer honestly when to expect an answer.
/// </summary>
public sealed record BusinessHours(
    TimeZoneInfo TimeZone,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Week,
    IReadOnlySet<DateOnly> Holidays,
    string ClosedMessage)
{
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return !Holidays.Contains(day)
            && Week.TryGetValue(local.DayOfWeek, out var intervals)
            && intervals.Any(interval => interval.Contains(time));
    }
}
