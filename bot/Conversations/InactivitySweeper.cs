using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// Finds conversations whose customer left the bot's question unanswered past its deadline and lets the bot
/// speak (the inactivity menu, or the close after it). The store answers by an index on the deadline, so a
/// sweep costs the conversations that are due, not every conversation.
/// </summary>
public sealed partial class InactivitySweeper(
    IConversationStore store,
    ConversationTurnProcessor processor,
    TimeProvider clock,
    ILogger<InactivitySweeper> logger)
{
    /// <summary>At most this many conversations per sweep; the rest wait for the next one, a second later.</summary>
    public const int BatchSize = 200;

    /// <summary>Returns how many conversations got a message from the bot.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var spoken = 0;
        foreach (var due in await store.DueForInactivityAsync(clock.GetUtcNow(), BatchSize, cancellationToken))
        {
            try
            {
                spoken += await processor.RemindIfSilentAsync(due.TenantId, due.ConversationId, cancellationToken) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The reminder is saved in the conversation's outbox before the send, so a channel failure loses
                // nothing: the next turn sends it. One conversation must not stop the sweep for the others.
                LogReminderFailed(exception, due.TenantId.Value, due.ConversationId);
            }
        }
        return spoken;
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "The inactivity reminder of conversation {ConversationId} (tenant {TenantId}) was not sent")]
    private partial void LogReminderFailed(Exception exception, string tenantId, string conversationId);
}

/// <summary>Runs the <see cref="InactivitySweeper"/> once a second, on every instance (the version check keeps them apart).</summary>
public sealed partial class InactivityWatcher(InactivitySweeper sweeper, TimeProvider clock, ILogger<InactivityWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A database blip must not end the watcher for the life of the process.
                LogSweepFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "An inactivity sweep failed; trying again in a second")]
    private partial void LogSweepFailed(Exception exception);
}
