using Atendimento.Routing.Sla;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>Working time across lunch breaks, nights, weekends, holidays and daylight-saving changes.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>Weekdays 08:00-12:00 and 13:00-18:00, Saturday 09:00-13:00, Sunday closed; 2026-04-21 (Tiradentes) off.</summary>
    private static readonly BusinessCalendar Team = Calendar(SaoPaulo, weekday: [("08:00", "12:00"), ("13:00", "18:00")], saturday: [("09:00", "13:00")], holidays: [new DateOnly(2026, 4, 21)]);

    [Theory]
    [InlineData("2026-04-20T09:00", 60, "2026-04-20T10:00")] // inside the morning
    [InlineData("2026-04-20T11:30", 60, "2026-04-20T13:30")] // across lunch
    [InlineData("2026-04-20T17:00", 120, "2026-04-22T09:00")] // across the night and the Tiradentes holiday
    [InlineData("2026-04-24T17:30", 240, "2026-04-25T12:30")] // Friday evening into Saturday morning
    [InlineData("2026-04-25T12:00", 120, "2026-04-27T09:00")] // Saturday past closing, Sunday closed, into Monday
    [InlineData("2026-04-26T10:00", 30, "2026-04-27T08:30")] // started on a Sunday: counts from Monday's opening
    [InlineData("2026-04-20T06:00", 0, "2026-04-20T08:00")] // nothing to add before opening: the opening itself
    public void Adding_working_time_skips_breaks_nights_weekends_and_holidays(string start, int minutes, string expected)
    {
        var deadline = Team.AddBusinessTime(Local(start, SaoPaulo), TimeSpan.FromMinutes(minutes));

        Assert.Equal(Local(expected, SaoPaulo), deadline);
    }

    [Theory]
    [InlineData("2026-04-20T09:00", "2026-04-20T10:00", 60)]
    [InlineData("2026-04-20T11:30", "2026-04-20T13:30", 60)]
    [InlineData("2026-04-20T17:00", "2026-04-22T09:00", 120)]
    [InlineData("2026-04-25T20:00", "2026-04-26T23:00", 0)]
    [InlineData("2026-04-20T10:00", "2026-04-20T09:00", 0)]
    public void Working_time_between_two_instants_counts_only_open_hours(string from, string to, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Team.BusinessTimeBetween(Local(from, SaoPaulo), Local(to, SaoPaulo)));

    [Fact]
    public void Adding_then_measuring_gives_back_the_same_working_time_for_any_start()
    {
        var random = new Random(20260422);
        for (var i = 0; i < 500; i++)
        {
            var start = Local("2026-04-01T00:00", SaoPaulo).AddMinutes(random.Next(0, 60 * 24 * 60));
            var duration = TimeSpan.FromMinutes(random.Next(1, 60 * 40));

            var deadline = Team.AddBusinessTime(start, duration);

            Assert.Equal(duration, Team.BusinessTimeBetween(start, deadline));
        }
    }

    [Fact]
    public void Opening_hours_stay_local_across_a_daylight_saving_change()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var calendar = Calendar(newYork, weekday: [("09:00", "17:00")], saturday: [], holidays: []);

        // Friday 2026-03-06 16:00 EST; clocks go forward on Sunday 2026-03-08; Monday opens at 09:00 EDT (13:00 UTC).
        var deadline = calendar.AddBusinessTime(Local("2026-03-06T16:00", newYork), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), deadline);
    }

    [Theory]
    [InlineData("2026-04-20T12:30", false)]
    [InlineData("2026-04-20T13:00", true)]
    [InlineData("2026-04-21T10:00", false)]
    [InlineData("2026-04-25T12:59", true)]
    [InlineData("2026-04-26T10:00", false)]
    public void Is_open_inside_an_interval_of_a_working_day_only(string at, bool open) =>
        Assert.Equal(open, Team.IsOpen(Local(at, SaoPaulo)));

    [Fact]
    public void Always_open_adds_plain_time()
    {
        var start = new DateTimeOffset(2026, 4, 25, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(start.AddHours(30), BusinessCalendar.AlwaysOpen.AddBusinessTime(start, TimeSpan.FromHours(30)));
    }

    [Fact]
    public void A_calendar_that_never_opens_refuses_to_compute_a_deadline()
    {
        var closed = Calendar(SaoPaulo, weekday: [], saturday: [], holidays: []);

        var error = Assert.Throws<InvalidOperationException>(() => closed.AddBusinessTime(Local("2026-04-20T09:00", SaoPaulo), TimeSpan.FromMinutes(1)));

        Assert.Contains("no opening", error.Message, StringComparison.Ordinal);
    }

    internal static DateTimeOffset Local(string localTime, TimeZoneInfo zone)
    {
        var local = DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    internal static BusinessCalendar Calendar(TimeZoneInfo zone, (string, string)[] weekday, (string, string)[] saturday, DateOnly[] holidays)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            week[day] = weekday.Select(Interval).ToList();
        }
        week[DayOfWeek.Saturday] = saturday.Select(Interval).ToList();
        return new BusinessCalendar(zone, week, holidays.ToHashSet());
    }

    private static OpeningInterval Interval((string Open, string Close) interval) =>
        new(TimeSpan.Parse(interval.Open, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Parse(interval.Close, System.Globalization.CultureInfo.InvariantCulture));
}
