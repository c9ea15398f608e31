using Atendimento.Routing.Sla;
using static Atendimento.Routing.Tests.Sla.BusinessCalendarTests;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>An SLA clock counts working time only, holds still while the ticket waits on the customer, and stops when met.</summary>
public sealed class SlaClockTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private static readonly BusinessCalendar Team = Calendar(SaoPaulo, weekday: [("08:00", "12:00"), ("13:00", "18:00")], saturday: [], holidays: []);

    [Fact]
    public void A_running_clock_breaches_when_its_working_time_is_used_and_warns_at_seventy_percent()
    {
        var clock = SlaClock.Start(TimeSpan.FromHours(4), Local("2026-04-20T10:00", SaoPaulo));

        Assert.Equal(Local("2026-04-20T15:00", SaoPaulo), clock.Deadline(Team));
        Assert.Equal(Local("2026-04-20T13:48", SaoPaulo), clock.WarningAt(0.7, Team));
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_the_clock_and_moves_the_deadline_by_the_working_time_paused()
    {
        var clock = SlaClock.Start(TimeSpan.FromHours(4), Local("2026-04-20T10:00", SaoPaulo))
            .Pause(Local("2026-04-20T11:00", SaoPaulo), Team);

        Assert.Null(clock.Deadline(Team));
        Assert.Equal(TimeSpan.FromHours(1), clock.UsedAt(Local("2026-04-20T17:00", SaoPaulo), Team));

        var resumed = clock.Resume(Local("2026-04-21T09:00", SaoPaulo));

        Assert.Equal(Local("2026-04-21T12:00", SaoPaulo), resumed.Deadline(Team));
        Assert.Equal(Local("2026-04-21T10:48", SaoPaulo), resumed.WarningAt(0.7, Team));
    }

    [Fact]
    public void Past_the_warning_fraction_a_paused_then_resumed_clock_has_its_warning_due_at_once_and_its_deadline_later()
    {
        var clock = SlaClock.Start(TimeSpan.FromHours(1), Local("2026-04-20T08:00", SaoPaulo))
            .Pause(Local("2026-04-20T08:50", SaoPaulo), Team)
            .Resume(Local("2026-04-20T14:00", SaoPaulo));

        Assert.Equal(Local("2026-04-20T14:00", SaoPaulo), clock.WarningAt(0.7, Team));
        Assert.Equal(Local("2026-04-20T14:10", SaoPaulo), clock.Deadline(Team));
    }

    [Fact]
    public void A_clock_paused_after_its_deadline_still_has_the_breach_due_so_it_is_not_lost()
    {
        var clock = SlaClock.Start(TimeSpan.FromHours(1), Local("2026-04-20T08:00", SaoPaulo))
            .Pause(Local("2026-04-20T09:00:30", SaoPaulo), Team);

        Assert.Equal(Local("2026-04-20T09:00:30", SaoPaulo), clock.Deadline(Team));
        Assert.Null(SlaClock.Start(TimeSpan.FromHours(1), Local("2026-04-20T08:00", SaoPaulo)).Pause(Local("2026-04-20T08:30", SaoPaulo), Team).Deadline(Team));
    }

    [Fact]
    public void A_stopped_clock_keeps_the_time_used_and_never_runs_again()
    {
        var clock = SlaClock.Start(TimeSpan.FromHours(4), Local("2026-04-20T10:00", SaoPaulo))
            .Stop(Local("2026-04-20T11:30", SaoPaulo), Team);

        var resumed = clock.Resume(Local("2026-04-20T14:00", SaoPaulo));

        Assert.False(resumed.IsRunning);
        Assert.Null(resumed.Deadline(Team));
        Assert.Equal(TimeSpan.FromMinutes(90), resumed.UsedAt(Local("2026-04-22T10:00", SaoPaulo), Team));
    }

    [Fact]
    public void Pausing_twice_or_resuming_a_running_clock_changes_nothing()
    {
        var start = SlaClock.Start(TimeSpan.FromHours(4), Local("2026-04-20T10:00", SaoPaulo));
        var paused = start.Pause(Local("2026-04-20T11:00", SaoPaulo), Team);

        Assert.Equal(paused, paused.Pause(Local("2026-04-20T15:00", SaoPaulo), Team));
        Assert.Equal(start, start.Resume(Local("2026-04-20T12:00", SaoPaulo)));
    }
}
