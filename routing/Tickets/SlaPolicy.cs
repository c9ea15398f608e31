using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Tickets;

/// <summary>One row of the SLA policy: for a tenant (or every tenant when null), a priority and a level, the targets.</summary>
public sealed class SlaTarget
{
    public string? Tenant { get; set; }
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public SupportLevel Level { get; set; } = SupportLevel.N1;
    public TimeSpan FirstResponse { get; set; }
    public TimeSpan Resolution { get; set; }
}

/// <summary>
/// Fills a ticket's first-response and resolution deadlines from <see cref="TicketOptions.Sla"/>: a row for the
/// ticket's own tenant wins over a row for every tenant. Plain elapsed time: business hours and pauses are not built.
/// </summary>
public sealed class SlaPolicy(IOptions<TicketOptions> options)
{
    public NewTicket Apply(NewTicket request) => Target(request.TenantId, request.Priority, request.Level) is { } target
        ? request with { FirstResponseDueAt = request.OpenedAt + target.FirstResponse, ResolutionDueAt = request.OpenedAt + target.Resolution }
        : request;

    /// <summary>
    /// After an escalation, a de-escalation or a priority change the ticket is served under other targets: the
    /// resolution clock restarts from <paramref name="now"/>, and so does the first response if none was given yet.
    /// </summary>
    public void Restart(Ticket ticket, DateTimeOffset now)
    {
        var target = Target(ticket.TenantId, ticket.Priority, ticket.Level);
        ticket.ResolutionDueAt = now + target?.Resolution;
        if (ticket.FirstResponseAt is null)
        {
            ticket.FirstResponseDueAt = now + target?.FirstResponse;
        }
    }

    private SlaTarget? Target(TenantId tenant, TicketPriority priority, SupportLevel level)
    {
        var matching = options.Value.Sla.Where(t => t.Priority == priority && t.Level == level).ToList();
        return matching.FirstOrDefault(t => t.Tenant == tenant.Value) ?? matching.FirstOrDefault(t => t.Tenant is null);
    }
}
