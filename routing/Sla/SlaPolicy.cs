using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Sla;

/// <summary>One row of the SLA policy: for a tenant (or every tenant when null), a priority and a level, the targets in business time.</summary>
public sealed class SlaTarget
{
    public string? Tenant { get; set; }
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public SupportLevel Level { get; set; } = SupportLevel.N1;
    public TimeSpan FirstResponse { get; set; }
    public TimeSpan Resolution { get; set; }
}

/// <summary>
/// The SLA policy: which targets a ticket is served under (rows of <see cref="TicketOptions.Sla"/>, a row for the
/// ticket's own tenant winning over a row for every tenant) and in which business calendar they are counted.
/// </summary>
public sealed class SlaPolicy(IOptions<TicketOptions> options, SlaCalendars calendars)
{
    public SlaTarget? TargetFor(TenantId tenant, TicketPriority priority, SupportLevel level)
    {
        var matching = options.Value.Sla.Where(t => t.Priority == priority && t.Level == level).ToList();
        return matching.FirstOrDefault(t => t.Tenant == tenant.Value) ?? matching.FirstOrDefault(t => t.Tenant is null);
    }

    public BusinessCalendar CalendarFor(TenantId tenant) => calendars.For(tenant);
}
