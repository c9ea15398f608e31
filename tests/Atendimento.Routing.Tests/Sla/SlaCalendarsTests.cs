using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Sla;
using Microsoft.Extensions.Options;
using static Atendimento.Routing.Tests.Sla.BusinessCalendarTests;

namespace Atendimento.Routing.Tests.Sla;

/// <summary>Each tenant's tickets count time in its named calendar, else the default one, else around the clock; bad settings stop the start-up.</summary>
public sealed class SlaCalendarsTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private static readonly DateTimeOffset SundayNoon = Local("2026-04-19T12:00", SaoPaulo);

    [Fact]
    public void A_tenant_uses_its_named_calendar_and_another_tenant_runs_around_the_clock_without_a_default()
    {
        var calendars = new SlaCalendars(Options.Create(TicketSlaTests.BusinessHours()));

        Assert.False(calendars.For(new TenantId("acme")).IsOpen(SundayNoon));
        Assert.True(calendars.For(new TenantId("globex")).IsOpen(SundayNoon));
        Assert.Equal(SundayNoon.AddHours(30), calendars.For(new TenantId("globex")).AddBusinessTime(SundayNoon, TimeSpan.FromHours(30)));
    }

    [Fact]
    public void A_default_calendar_applies_to_tenants_not_listed()
    {
        var options = TicketSlaTests.BusinessHours();
        options.DefaultCalendar = "sp-comercial";

        var calendar = new SlaCalendars(Options.Create(options)).For(new TenantId("globex"));

        Assert.Equal(Local("2026-04-20T09:00", SaoPaulo), calendar.AddBusinessTime(SundayNoon, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Validation_names_an_unknown_zone_a_bad_interval_an_unknown_calendar_and_a_bad_fraction()
    {
        var options = TicketSlaTests.BusinessHours();
        options.Calendars["sp-comercial"].TimeZone = "Brazil/Nowhere";
        options.Calendars["sp-comercial"].Week[DayOfWeek.Monday] = ["18:00-08:00"];
        options.TenantCalendars["globex"] = "plantao";
        options.WarningFraction = 1.5;

        var result = new SlaOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Brazil/Nowhere", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("18:00-08:00", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Sla:TenantCalendars:globex", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("WarningFraction", StringComparison.Ordinal));
    }

    [Fact]
    public void The_business_hours_used_by_the_tests_pass_validation()
    {
        Assert.True(new SlaOptionsValidation().Validate(null, TicketSlaTests.BusinessHours()).Succeeded);
    }
}
