namespace Atendimento.Bot.Dialogs;

/// <summary>One opening interval of a day, in the policy's time zone; Close is exclusive.</summary>
public readonly record struct OpeningInterval(TimeOnly Open, TimeOnly Close)
{
    public bool Contains(TimeOnly time) => time >= Open && time < Close;
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
