namespace Atendimento.Routing.Sla;

/// <summary>
/// One SLA target being measured (first response or resolution): how much working time it allows, how much is
/// used, and since when the clock runs (null while paused, waiting on the customer, or stopped). Pure: the
/// calendar turns it into deadlines, and the ticket keeps it as part of its state.
/// </summary>
public sealed record SlaClock(TimeSpan Target, TimeSpan Consumed, DateTimeOffset? RunningSince, DateTimeOffset? StoppedAt)
{
    public static SlaClock Start(TimeSpan target, DateTimeOffset at) => new(target, TimeSpan.Zero, at, null);

    public bool IsRunning => RunningSince is not null;

    /// <summary>Waiting on the customer: the time so far is banked and the clock holds still.</summary>
    public SlaClock Pause(DateTimeOffset at, BusinessCalendar calendar) => RunningSince is { } since
        ? this with { Consumed = Consumed + calendar.BusinessTimeBetween(since, at), RunningSince = null }
        : this;

    public SlaClock Resume(DateTimeOffset at) => RunningSince is null && StoppedAt is null ? this with { RunningSince = at } : this;

    /// <summary>The target was met (or no longer applies): the clock stops for good.</summary>
    public SlaClock Stop(DateTimeOffset at, BusinessCalendar calendar) => StoppedAt is not null ? this : Pause(at, calendar) with { StoppedAt = at };

    /// <summary>When the target is breached if the clock keeps running; null while it does not run.</summary>
    public DateTimeOffset? Deadline(BusinessCalendar calendar) => MomentAt(1.0, calendar);

    /// <summary>When <paramref name="fraction"/> of the target is used (0.7 for the default warning); null while paused or already past.</summary>
    public DateTimeOffset? WarningAt(double fraction, BusinessCalendar calendar) => MomentAt(fraction, calendar);

    /// <summary>Working time used up to <paramref name="now"/>.</summary>
    public TimeSpan UsedAt(DateTimeOffset now, BusinessCalendar calendar) =>
        Consumed + (RunningSince is { } since ? calendar.BusinessTimeBetween(since, now) : TimeSpan.Zero);

    private DateTimeOffset? MomentAt(double fraction, BusinessCalendar calendar)
    {
        if (RunningSince is not { } since)
        {
            return null;
        }
        var left = Target * fraction - Consumed;
        return left < TimeSpan.Zero ? null : calendar.AddBusinessTime(since, left);
    }
}
