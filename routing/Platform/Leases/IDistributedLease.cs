using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Atendimento.Platform.Leases;

/// <summary>
/// A lease on a name shared by every instance: while one holds it, the others wait. It expires by itself after its
/// time to live, so an instance that dies cannot hold it forever; what it protects must still be safe without it
/// (the stores' version checks are), the lease only saves the wasted work and keeps turns in order.
/// </summary>
public interface IDistributedLease
{
    /// <summary>The lease, or null when someone else holds it now.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}

/// <summary>One instance (the embedded default): the in-process lock is all there is to coordinate, so every lease is granted.</summary>
public sealed class SingleInstanceLease : IDistributedLease
{
    private static readonly IAsyncDisposable Nothing = new Released();

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Task.FromResult<IAsyncDisposable?>(Nothing);

    private sealed class Released : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Redis <c>SET NX PX</c> with a random token, released only by its holder (StackExchange.Redis's lock helpers).</summary>
public sealed partial class RedisLease(IConnectionMultiplexer redis, ILogger<RedisLease> logger) : IDistributedLease
{
    private const string Prefix = "atendimento:lease:";

    /// <summary>
    /// StackExchange.Redis 1.2.6 has no timeout on async commands: against a Redis that accepts the connection but
    /// never answers, a lease call would wait forever and hold the turn with it. Past this, the call counts as failed.
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var key = (RedisKey)(Prefix + name);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var taken = await redis.GetDatabase().LockTakeAsync(key, token, timeToLive).WaitAsync(CommandTimeout, cancellationToken);
        return taken ? new Held(this, key, token) : null;
    }

    private async Task ReleaseAsync(RedisKey key, RedisValue token)
    {
        try
        {
            await redis.GetDatabase().LockReleaseAsync(key, token).WaitAsync(CommandTimeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // RedisTimeoutException is a TimeoutException, not a RedisException: whatever failed, the turn it guarded
            // was already saved and sent, so the release must not fail it.
            // The lease runs out by itself; until then the next holder waits a little longer.
            LogReleaseFailed(exception, key.ToString());
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Could not release the lease {Key}; it expires by itself")]
    private partial void LogReleaseFailed(Exception exception, string key);

    private sealed class Held(RedisLease owner, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await owner.ReleaseAsync(key, token);
            }
        }
    }
}
