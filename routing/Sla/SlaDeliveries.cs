using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Sla;

/// <summary>Somewhere an SLA event must reach: the agents' live feed, a customer's webhook.</summary>
public interface ISlaEventSink
{
    Task DeliverAsync(SlaEvent raised, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers raised SLA events to every sink, at least once: an event is leased, delivered, then marked; a failure
/// leaves it to come back when the lease ends, on this instance or another.
/// </summary>
public sealed partial class SlaDeliveries(ISlaTimerStore store, IEnumerable<ISlaEventSink> sinks, TimeProvider clock, ILogger<SlaDeliveries> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly SlaWakeUp _signal = new();

    /// <summary>New events were raised on this instance: deliver now rather than at the next poll.</summary>
    public void Signal() => _signal.Signal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDeliveryLoopFailed(exception);
            }
            await _signal.WaitAsync(Poll, stoppingToken);
        }
    }

    /// <summary>Delivers what is pending; returns how many events reached every sink.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var delivered = 0;
        foreach (var raised in await store.LeaseUndeliveredAsync(now, now + Lease, 100, cancellationToken))
        {
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.DeliverAsync(raised, cancellationToken);
                }
                await store.MarkDeliveredAsync(raised.Id, clock.GetUtcNow(), cancellationToken);
                delivered++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDeliveryFailed(exception, raised.Id, raised.TicketId, raised.TenantId.Value);
            }
        }
        return delivered;
    }

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "SLA event {EventId} of ticket {TicketId} (tenant {TenantId}) was not delivered; it will be tried again")]
    private partial void LogDeliveryFailed(Exception exception, long eventId, long ticketId, string tenantId);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Error, Message = "The SLA delivery loop failed; trying again shortly")]
    private partial void LogDeliveryLoopFailed(Exception exception);
}
