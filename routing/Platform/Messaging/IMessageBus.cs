namespace Atendimento.Platform.Messaging;

/// <summary>
/// Fan-out of small notifications between the parts of one instance and, with Redis, between instances.
/// Messages are wake-ups, not data: the store stays the source of truth, so a lost notification only
/// delays a reader until its next poll or heartbeat.
/// </summary>
public interface IMessageBus
{
    Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default);

    Task<IAsyncDisposable> SubscribeAsync(string topic, Func<string, Task> handler, CancellationToken cancellationToken = default);
}
