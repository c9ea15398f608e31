using Atendimento.Platform.Messaging;

namespace Atendimento.Bot.Channels.DirectLine;

/// <summary>
/// Wakes the streams of a conversation on every instance. Best effort by design: the store holds the activities
/// and every stream re-reads it at its next heartbeat, so a bus outage delays delivery by seconds instead of
/// failing the request that stored them.
/// </summary>
public sealed partial class DirectLineWakeUps(IMessageBus bus, ILogger<DirectLineWakeUps> logger)
{
    public static string Topic(string conversationId) => $"directline:{conversationId}";

    public async Task NotifyAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        try
        {
            await bus.PublishAsync(Topic(conversationId), string.Empty, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWakeUpFailed(exception, conversationId);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Could not wake the streams of conversation {ConversationId}; they catch up at their next heartbeat")]
    private partial void LogWakeUpFailed(Exception exception, string conversationId);
}
