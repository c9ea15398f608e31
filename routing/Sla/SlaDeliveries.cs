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
/// leaves it to come back when its lease ends (doubling each time, see <see cref="SlaDeliveryPolicy"/>), on this
/// instance or another. The desk feed is the first sink and appends idempotently, so a failing webhook delays
/// nothing agents see.
/// </summary>
public sealed partial class SlaDeliveries(ISlaTimerStore store, IEnumerable<ISlaEventSink> sinks, TimeProvider clock, ILogger<SlaDeliveries> logger) : BackgroundService
{
    /// <summary>Small enough that a batch of slow webhooks (10 s each at most) ends well within its first lease.</summary>
    public const int BatchSize = 10;
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
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
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
        foreach (var raised in await store.LeaseUndeliveredAsync(now, BatchSize, cancellationToken))
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
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A webhook timeout is an OperationCanceledException too; it is a failed delivery, not our stop.
                if (raised.Attempts >= SlaDeliveryPolicy.MaxAttempts)
                {
                    LogDeliveryGivenUp(exception, raised.Id, raised.TicketId, raised.TenantId.Value, raised.Attempts);
                }
                else
                {
                    LogDeliveryFailed(exception, raised.Id, raised.TicketId, raised.TenantId.Value);
                }
            }
        }
        return delivered;
    }

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "SLA event {EventId} of ticket {TicketId} (tenant {TenantId}) was not delivered; it will be tried again")]
    private partial void LogDeliveryFailed(Exception exception, long eventId, long ticketId, string tenantId);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Error, Message = "Gave up delivering SLA event {EventId} of ticket {TicketId} (tenant {TenantId}) after {Attempts} attempts")]
    private partial void LogDeliveryGivenUp(Exception exception, long eventId, long ticketId, string tenantId, int attempts);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Error, Message = "The SLA delivery loop failed; trying again shortly")]
    private partial void LogDeliveryLoopFailed(Exception exception);
}
