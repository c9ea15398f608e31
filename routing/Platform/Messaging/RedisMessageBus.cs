using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Atendimento.Platform.Messaging;

/// <summary>
/// Redis pub/sub, so that a wake-up published on one instance reaches the subscribers on every instance.
/// StackExchange.Redis is pinned at 1.2.6 (the only version the mirror restores; see docs/decisions/0002).
/// </summary>
public sealed partial class RedisMessageBus(IConnectionMultiplexer redis, ILogger<RedisMessageBus> logger) : IMessageBus
{
    private const string Prefix = "atendimento:";

    public Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default) =>
        redis.GetSubscriber().PublishAsync(Prefix + topic, message);

    public async Task<IAsyncDisposable> SubscribeAsync(string topic, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        var channel = new RedisChannel(Prefix + topic, RedisChannel.PatternMode.Literal);
        Action<RedisChannel, RedisValue> callback = (source, value) => _ = InvokeAsync(topic, handler, value);
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(channel, callback);
        return new Subscription(subscriber, channel, callback);
    }

    private async Task InvokeAsync(string topic, Func<string, Task> handler, RedisValue value)
    {
        try
        {
            await handler(value.ToString());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A failing subscriber must not take the multiplexer's callback thread down with it.
            LogHandlerFailed(exception, topic);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Subscriber of topic {Topic} failed")]
    private partial void LogHandlerFailed(Exception exception, string topic);

    private sealed class Subscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> callback) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await subscriber.UnsubscribeAsync(channel, callback);
    }
}
