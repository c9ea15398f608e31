using Atendimento.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Sla;

/// <summary>
/// Turns a ticket's SLA clocks into its four timers (warning and breach of first response and of resolution) and
/// wakes the watcher, so a moment nearer than the one it sleeps towards is not missed.
/// </summary>
public sealed class SlaScheduler(ISlaTimerStore store, SlaWakeUp wakeUp, IOptions<SlaOptions> options)
{
    public async Task ScheduleAsync(TenantId tenantId, long ticketId, SlaClock? firstResponse, SlaClock? resolution, BusinessCalendar calendar, CancellationToken cancellationToken = default)
    {
        var fraction = options.Value.WarningFraction;
        await store.ScheduleAsync(tenantId, ticketId, SlaMoment.FirstResponseWarning, firstResponse?.WarningAt(fraction, calendar), cancellationToken);
        await store.ScheduleAsync(tenantId, ticketId, SlaMoment.FirstResponseBreach, firstResponse?.Deadline(calendar), cancellationToken);
        await store.ScheduleAsync(tenantId, ticketId, SlaMoment.ResolutionWarning, resolution?.WarningAt(fraction, calendar), cancellationToken);
        await store.ScheduleAsync(tenantId, ticketId, SlaMoment.ResolutionBreach, resolution?.Deadline(calendar), cancellationToken);
        wakeUp.Signal();
    }
}

/// <summary>A nudge for the watcher of this instance: a timer changed, so its next moment may be nearer.</summary>
public sealed class SlaWakeUp
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one pending wake-up is enough.
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
