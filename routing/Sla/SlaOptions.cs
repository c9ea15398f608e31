namespace Atendimento.Routing.Sla;

public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>The share of a target after which the warning is raised.</summary>
    public double WarningFraction { get; set; } = 0.7;

    /// <summary>Where SLA events are POSTed (JSON, signed); none: only the agent feed gets them.</summary>
    public SlaWebhookOptions Webhook { get; set; } = new();

    /// <summary>Named business calendars (<c>Sla:Calendars:{name}</c>) that SLA clocks count time in.</summary>
    public Dictionary<string, SlaCalendarOptions> Calendars { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Which calendar each tenant's tickets use (tenant id → calendar name).</summary>
    public Dictionary<string, string> TenantCalendars { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The calendar of tenants not listed in <see cref="TenantCalendars"/>; unset: open 24 hours, 7 days a week (UTC).</summary>
    public string? DefaultCalendar { get; set; }
}

public sealed class SlaWebhookOptions
{
    public Uri? Url { get; set; }

    /// <summary>Signs each body (HMAC-SHA256, header <c>X-Atendimento-Signature: sha256=...</c>) so the receiver can trust it.</summary>
    public string? Secret { get; set; }
}

/// <summary>One business calendar as configured: a time zone, opening intervals per weekday and holidays.</summary>
public sealed class SlaCalendarOptions
{
    /// <summary>An IANA time zone id, e.g. <c>America/Sao_Paulo</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Day → intervals like <c>"08:00-12:00"</c> (24:00 may end a day); a day left out is closed.</summary>
    public Dictionary<DayOfWeek, List<string>> Week { get; set; } = [];

    /// <summary>Whole days closed, in the calendar's time zone.</summary>
    public List<DateOnly> Holidays { get; set; } = [];
}
