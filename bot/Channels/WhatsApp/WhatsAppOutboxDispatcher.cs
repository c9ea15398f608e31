using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Sends what the outbox still holds: messages whose send failed retryably (once their delay is over), messages
/// queued behind them, and messages of an instance that died mid-send (once its lease ended). Only the oldest
/// queued message of a conversation is taken, so the customer sees them in order; different conversations go in
/// parallel, so one customer's pair limit (131056) holds up no one else.
/// </summary>
public sealed partial class WhatsAppOutboxDispatcher(
    IWhatsAppOutbox outbox,
    WhatsAppDelivery delivery,
    WhatsAppOutboxSignal signal,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppOutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>Sends in flight at once: enough that a pair-limit back-off (seconds) does not stall the batch.</summary>
    private const int Parallelism = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.OutboxPollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store is away (a database restart): wait a poll interval and try again.
                LogDispatchFailed(exception);
                await Task.Delay(poll, clock, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due messages, one per conversation; returns how many it claimed.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await outbox.ClaimDueAsync(BatchSize, now, now + delivery.Lease, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (message, token) => await delivery.SendClaimedAsync(message, token));
        return due.Count;
    }

    [LoggerMessage(EventId = 5313, Level = LogLevel.Error, Message = "Could not dispatch the WhatsApp outbox; trying again")]
    private partial void LogDispatchFailed(Exception exception);
}
