using System.Collections.Concurrent;

namespace Atendimento.Platform.Messaging;

/// <summary>The embedded default: subscribers of this process only.</summary>
public sealed class InMemoryMessageBus : IMessageBus
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _topics = new(StringComparer.Ordinal);

    public async Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default)
    {
        if (!_topics.TryGetValue(topic, out var subscribers))
        {
            return;
        }
        foreach (var handler in subscribers.Handlers)
        {
            await handler(message);
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(string topic, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        _topics.AddOrUpdate(topic, _ => new([handler]), (_, existing) => new([.. existing.Handlers, handler]));
        IAsyncDisposable subscription = new Subscription(() => Remove(topic, handler));
        return Task.FromResult(subscription);
    }

    private void Remove(string topic, Func<string, Task> handler)
    {
        while (_topics.TryGetValue(topic, out var existing))
        {
            var remaining = existing.Handlers.Where(h => h != handler).ToArray();
            var done = remaining.Length == 0
                ? _topics.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(topic, existing))
                : _topics.TryUpdate(topic, new(remaining), existing);
            if (done)
            {
                return;
            }
        }
    }

    private sealed record ImmutableSubscribers(Func<string, Task>[] Handlers);

    private sealed class Subscription(Action unsubscribe) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            unsubscribe();
            return ValueTask.CompletedTask;
        }
    }
}
