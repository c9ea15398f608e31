using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Sla;

/// <summary>
/// Keeps a ticket's two SLA clocks in step with the ticket, whatever operation changed it: <see cref="Start"/>
/// when the handoff opens it, <see cref="Follow"/> inside every change (the ticket writer calls it after the
/// transition, before the save), and <see cref="AfterSaveAsync"/> once saved, which reschedules the four timers.
/// What a clock does is read from the ticket's state rather than from the operation (see <see cref="SlaDuties"/>),
/// so an operation added later is measured right without touching this class.
/// </summary>
public sealed partial class TicketSla(SlaPolicy policy, SlaScheduler scheduler, ILogger<TicketSla> logger)
{
    /// <summary>Both clocks start at the opening (not at the first business hour: the calendar skips closed time itself).</summary>
    public NewTicket Start(NewTicket request)
    {
        if (policy.TargetFor(request.TenantId, request.Priority, request.Level) is not { } target)
        {
            return request;
        }
        var calendar = policy.CalendarFor(request.TenantId);
        var firstResponse = SlaClock.Start(target.FirstResponse, request.OpenedAt);
        var resolution = SlaClock.Start(target.Resolution, request.OpenedAt);
        return request with
        {
            FirstResponseClock = firstResponse,
            ResolutionClock = resolution,
            FirstResponseDueAt = firstResponse.Deadline(calendar),
            ResolutionDueAt = resolution.Deadline(calendar),
        };
    }

    /// <summary>
    /// Brings the clocks, verdicts and deadlines in line with the ticket as it is now. No I/O, and repeatable: the
    /// writer may call it again on a reloaded ticket when another writer won the race.
    /// </summary>
    public void Follow(Ticket ticket, DateTimeOffset now)
    {
        var target = policy.TargetFor(ticket.TenantId, ticket.Priority, ticket.Level);
        var calendar = policy.CalendarFor(ticket.TenantId);
        var firstResponse = new SlaStep(target?.FirstResponse, SlaDuties.FirstResponse(ticket), ticket.FirstResponseAt ?? now, now, calendar);
        var resolution = new SlaStep(target?.Resolution, SlaDuties.Resolution(ticket), ticket.ResolvedAt ?? now, now, calendar);
        (ticket.FirstResponseClock, ticket.FirstResponseBreached) = firstResponse.Apply(ticket.FirstResponseClock, ticket.FirstResponseBreached);
        (ticket.ResolutionClock, ticket.ResolutionBreached) = resolution.Apply(ticket.ResolutionClock, ticket.ResolutionBreached);
        ticket.FirstResponseDueAt = DueAt(ticket.FirstResponseClock, ticket.FirstResponseDueAt, calendar);
        ticket.ResolutionDueAt = DueAt(ticket.ResolutionClock, ticket.ResolutionDueAt, calendar);
    }

    /// <summary>What the timers depend on; taken before a change so that only a change of it reschedules.</summary>
    public static SlaSnapshot Snapshot(Ticket ticket) => new(
        ticket.FirstResponseClock, ticket.ResolutionClock, ticket.FirstResponseBreached, ticket.ResolutionBreached, TicketLifecycle.IsEnded(ticket.Status));

    /// <summary>Once the change is saved: logs a new verdict and moves the timers when the clocks moved.</summary>
    public async Task AfterSaveAsync(SlaSnapshot before, Ticket ticket, CancellationToken cancellationToken = default)
    {
        var after = Snapshot(ticket);
        if (after == before)
        {
            return;
        }
        LogVerdict(ticket, "first_response", before.FirstResponseBreached, after.FirstResponseBreached);
        LogVerdict(ticket, "resolution", before.ResolutionBreached, after.ResolutionBreached);
        await ScheduleAsync(ticket, cancellationToken);
    }

    /// <summary>Sets the ticket's four timers from its clocks; a closed, cancelled or merged ticket has none left.</summary>
    public async Task ScheduleAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        var ended = TicketLifecycle.IsEnded(ticket.Status);
        await scheduler.ScheduleAsync(ticket.TenantId, ticket.Id.Value, ended ? null : ticket.FirstResponseClock, ended ? null : ticket.ResolutionClock,
            policy.CalendarFor(ticket.TenantId), cancellationToken);
        LogScheduled(ticket.Id.Value, ticket.TenantId.Value, ticket.Status.ToString());
    }

    /// <summary>Cancels the timers of a ticket that cannot be read any more, so they raise no alert.</summary>
    public Task CancelAsync(TenantId tenantId, long ticketId, CancellationToken cancellationToken = default) =>
        scheduler.ScheduleAsync(tenantId, ticketId, null, null, policy.CalendarFor(tenantId), cancellationToken);

    /// <summary>A stopped clock keeps the deadline it had, so the ticket still says what the target was.</summary>
    private static DateTimeOffset? DueAt(SlaClock? clock, DateTimeOffset? previous, BusinessCalendar calendar) =>
        clock is null ? null : clock.StoppedAt is null ? clock.Deadline(calendar) : previous;

    private void LogVerdict(Ticket ticket, string target, bool? before, bool? after)
    {
        if (before is null && after is { } breached)
        {
            LogDecided(ticket.Id.Value, ticket.TenantId.Value, target, breached ? "breached" : "met");
        }
    }

    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "SLA {Target} of ticket {TicketId} (tenant {TenantId}) was {Outcome}")]
    private partial void LogDecided(long ticketId, string tenantId, string target, string outcome);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Debug, Message = "SLA timers of ticket {TicketId} (tenant {TenantId}) rescheduled; it is {Status}")]
    private partial void LogScheduled(long ticketId, string tenantId, string status);
}

/// <summary>The SLA state the timers depend on.</summary>
public sealed record SlaSnapshot(SlaClock? FirstResponse, SlaClock? Resolution, bool? FirstResponseBreached, bool? ResolutionBreached, bool Ended);
