using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Sla;

/// <summary>
/// The SLA timers of every ticket and the events they raised. In-memory and PostgreSQL run the same contract
/// tests. Firing is atomic: a timer fires once, whatever the number of instances asking at the same moment.
/// </summary>
public interface ISlaTimerStore
{
    /// <summary>Sets when a moment is due (null: not now, e.g. paused or met). A moment that already fired stays fired.</summary>
    Task ScheduleAsync(TenantId tenantId, long ticketId, SlaMoment moment, DateTimeOffset? dueAt, CancellationToken cancellationToken = default);

    /// <summary>Fires up to <paramref name="limit"/> timers due at <paramref name="now"/>, earliest first, and returns their events.</summary>
    Task<IReadOnlyList<SlaEvent>> FireDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tickets, across tenants, with at least one moment still to fire (scheduled, not fired), in
    /// <see cref="SlaTicketKey"/> order after <paramref name="after"/>: the reconciliation checks each against its ticket.
    /// </summary>
    Task<IReadOnlyList<SlaTicketKey>> PendingAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest moment still to fire, across tenants; null when none is scheduled.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> undelivered events, oldest first, each for the lease
    /// <see cref="SlaDeliveryPolicy.LeaseFor"/> its attempts so far give; another instance skips them meanwhile.
    /// Events with <see cref="SlaDeliveryPolicy.MaxAttempts"/> attempts are no longer taken.
    /// </summary>
    Task<IReadOnlyList<SlaEvent>> LeaseUndeliveredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task MarkDeliveredAsync(long eventId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
