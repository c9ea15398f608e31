namespace Atendimento.Routing.Sla;

/// <summary>
/// One SLA target being measured (first response or resolution): how much working time it allows, how much is
/// used, since when the clock runs (null while paused, waiting on the customer, or stopped) and since when it holds
/// still. Pure: the calendar turns it into deadlines, and the ticket keeps it as part of its state.
/// </summary>
public sealed record SlaClock(TimeSpan Target, TimeSpan Consumed, DateTimeOffset? RunningSince, DateTimeOffset? StoppedAt, DateTimeOffset? HeldSince = null)
{
    public static SlaClock Start(TimeSpan target, DateTimeOffset at) => new(target, TimeSpan.Zero, at, null);

    public bool IsRunning => RunningSince is not null;

    /// <summary>Waiting on the customer: the time so far is banked and the clock holds still.</summary>
    public SlaClock Pause(DateTimeOffset at, BusinessCalendar calendar) => RunningSince is { } since
        ? this with { Consumed = Consumed + calendar.BusinessTimeBetween(since, at), RunningSince = null, HeldSince = at }
        : this;

    public SlaClock Resume(DateTimeOffset at) => RunningSince is null && StoppedAt is null ? this with { RunningSince = at, HeldSince = null } : this;

    /// <summary>A stopped clock runs again (a reopened ticket): the time used before the stop still counts.</summary>
    public SlaClock Continue(DateTimeOffset at) => StoppedAt is null ? Resume(at) : this with { StoppedAt = null, RunningSince = at, HeldSince = null };

    /// <summary>Whether the time used when the clock stopped or paused reached the target.</summary>
    public bool Exhausted => Consumed >= Target;

    /// <summary>The target was met (or no longer applies): the clock stops for good.</summary>
    public SlaClock Stop(DateTimeOffset at, BusinessCalendar calendar) => StoppedAt is not null ? this : Pause(at, calendar) with { StoppedAt = at };

    /// <summary>When the target is breached; null while it does not run and is not yet breached.</summary>
    public DateTimeOffset? Deadline(BusinessCalendar calendar) => MomentAt(1.0, calendar);

    /// <summary>When <paramref name="fraction"/> of the target is used (0.7 for the default warning); null while paused short of it.</summary>
    public DateTimeOffset? WarningAt(double fraction, BusinessCalendar calendar) => MomentAt(fraction, calendar);

    /// <summary>Working time used up to <paramref name="now"/>.</summary>
    public TimeSpan UsedAt(DateTimeOffset now, BusinessCalendar calendar) =>
        Consumed + (RunningSince is { } since ? calendar.BusinessTimeBetween(since, now) : TimeSpan.Zero);

    /// <summary>
    /// The moment the share of the target is used up. A share already used up is due at once (when the clock last
    /// ran or stopped), never "no moment": a ticket paused just after its deadline, before the watcher fired, must
    /// still raise its breach.
    /// </summary>
    private DateTimeOffset? MomentAt(double fraction, BusinessCalendar calendar)
    {
        var left = Target * fraction - Consumed;
        if (RunningSince is { } since)
        {
            return left <= TimeSpan.Zero ? since : calendar.AddBusinessTime(since, left);
        }
        return left <= TimeSpan.Zero ? HeldSince ?? StoppedAt : null;
    }
}
