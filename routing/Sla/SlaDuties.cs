using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Sla;

/// <summary>What a clock must be doing for the ticket's state.</summary>
public enum SlaDuty
{
    /// <summary>Counting business time.</summary>
    Run,

    /// <summary>Holding still, the time so far banked (waiting on the customer).</summary>
    Pause,

    /// <summary>Stopped by what the target measures; the verdict (met or breached) is recorded.</summary>
    Meet,

    /// <summary>Stopped because the target no longer applies; only a breach already suffered is recorded.</summary>
    End,
}

/// <summary>
/// The rules, per clock, read from the ticket's state (see docs/decisions/0019). Waiting on the customer pauses
/// only the resolution clock: an agent's message is what answers a customer, so setting a status does not hold
/// the first-response clock. A reopened ticket continues its clocks with the time used before.
/// </summary>
public static class SlaDuties
{
    public static SlaDuty FirstResponse(Ticket ticket) => ticket switch
    {
        { FirstResponseAt: not null } => SlaDuty.Meet,
        _ when !TicketLifecycle.IsActive(ticket.Status) => SlaDuty.End,
        _ => SlaDuty.Run,
    };

    public static SlaDuty Resolution(Ticket ticket) => ticket.Status switch
    {
        TicketStatus.Resolved or TicketStatus.Closed => SlaDuty.Meet,
        TicketStatus.Cancelled or TicketStatus.Merged => SlaDuty.End,
        TicketStatus.WaitingOnCustomer => SlaDuty.Pause,
        _ => SlaDuty.Run,
    };
}

/// <summary>
/// One clock's next state: under <paramref name="Target"/> (null: no policy row applies any more), doing
/// <paramref name="Duty"/>, stopped at <paramref name="StopAt"/> when met. Targets follow the ticket's current row,
/// keeping the time used, so an escalation or a priority change moves the deadline without restarting the clock.
/// </summary>
internal readonly record struct SlaStep(TimeSpan? Target, SlaDuty Duty, DateTimeOffset StopAt, DateTimeOffset Now, BusinessCalendar Calendar)
{
    private bool Measuring => Duty is SlaDuty.Run or SlaDuty.Pause;

    public (SlaClock? Clock, bool? Breached) Apply(SlaClock? clock, bool? breached)
    {
        if (clock is null)
        {
            // A ticket that gets a row later (an escalation into a level with targets) is measured from now.
            return Target is { } target && Measuring ? (Perform(SlaClock.Start(target, Now)), null) : (null, breached);
        }
        if (clock.StoppedAt is not null)
        {
            // Reopened: the clock continues and the verdict waits for the next resolution.
            return Measuring ? (Target is { } target ? Perform(clock.Continue(Now) with { Target = target }) : null, null) : (clock, breached);
        }
        if (Target is not { } current)
        {
            return (null, breached);
        }
        var retargeted = clock with { Target = current };
        return Duty switch
        {
            SlaDuty.Meet => Met(retargeted.Stop(StopAt, Calendar)),
            SlaDuty.End => Ended(retargeted.Stop(Now, Calendar), breached),
            _ => (Perform(retargeted), breached),
        };
    }

    private static (SlaClock, bool?) Met(SlaClock stopped) => (stopped, stopped.Exhausted);

    /// <summary>A target that no longer applies was not met, but not missed either, unless its time had run out.</summary>
    private static (SlaClock, bool?) Ended(SlaClock stopped, bool? breached) => (stopped, stopped.Exhausted ? true : breached);

    private SlaClock Perform(SlaClock clock) => Duty == SlaDuty.Pause ? clock.Pause(Now, Calendar) : clock.Resume(Now);
}
