using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Sla;

/// <summary>
/// Raises SLA events at their moment. It asks the store for the next moment (one index lookup, however many
/// tickets are open) and sleeps until then, never longer than <see cref="MaxSleep"/>, so a moment scheduled by
/// another instance is seen within a second; a local change wakes it at once. Every instance runs one: the store
/// fires each timer once.
/// </summary>
public sealed partial class SlaWatcher(ISlaTimerStore store, SlaWakeUp wakeUp, SlaDeliveries deliveries, TimeProvider clock, ILogger<SlaWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                sleep = await FireDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database blip must not end the watcher for the life of the process.
                LogWatchFailed(exception);
                sleep = MaxSleep;
            }
            await wakeUp.WaitAsync(sleep, stoppingToken);
        }
    }

    /// <summary>Fires what is due and returns how long to sleep before the next moment.</summary>
    public async Task<TimeSpan> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = await store.FireDueAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var raised in fired)
        {
            RoutingTelemetry.SlaEvents.Add(1, new KeyValuePair<string, object?>("moment", raised.Moment.Name()));
            RoutingTelemetry.SlaEventDelay.Record((raised.FiredAt - raised.DueAt).TotalMilliseconds);
            LogFired(raised.TenantId.Value, raised.TicketId, raised.Moment.Name());
        }
        if (fired.Count > 0)
        {
            deliveries.Signal();
        }
        if (fired.Count == BatchSize)
        {
            return TimeSpan.Zero;
        }
        var next = await store.NextDueAsync(cancellationToken);
        var until = next is { } due ? due - clock.GetUtcNow() : MaxSleep;
        return until < TimeSpan.Zero ? TimeSpan.Zero : until > MaxSleep ? MaxSleep : until;
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "SLA {Moment} raised for ticket {TicketId} of tenant {TenantId}")]
    private partial void LogFired(string tenantId, long ticketId, string moment);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "The SLA watcher failed; trying again in a second")]
    private partial void LogWatchFailed(Exception exception);
}
