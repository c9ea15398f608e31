using Atendimento.Platform.Leases;
using Microsoft.Extensions.Logging;

namespace Atendimento.Bot.Conversations;

/// <summary>
/// One turn at a time per conversation: an in-process gate, then a lease shared by every instance (Redis when
/// configured). If the lease cannot be had within <see cref="LeaseWait"/>, or Redis is away, the turn goes on
/// anyway: the optimistic version check on the state still catches an overlap and runs the turn again, so Redis
/// is never needed for a customer to be answered.
/// </summary>
public sealed partial class TurnLocks(IDistributedLease leases, TimeProvider clock, ILogger<TurnLocks> logger)
{
    /// <summary>Longer than any turn should take; a holder that dies frees the conversation after this.</summary>
    public static readonly TimeSpan LeaseTimeToLive = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var gate = Enter(conversationKey);
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Release(conversationKey, entered: false);
            throw;
        }
        try
        {
            var lease = await LeaseAsync(conversationKey, cancellationToken);
            return new Releaser(conversationKey, lease, this);
        }
        catch
        {
            Release(conversationKey, entered: true);
            throw;
        }
    }

    private async Task<IAsyncDisposable?> LeaseAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(10);
        try
        {
            while (clock.GetElapsedTime(started) < LeaseWait)
            {
                if (await leases.TryAcquireAsync("turn:" + conversationKey, LeaseTimeToLive, cancellationToken) is { } lease)
                {
                    return lease;
                }
                await Task.Delay(pause, clock, cancellationToken);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
            }
            LogLeaseTimedOut(conversationKey);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLeaseUnavailable(exception, conversationKey);
        }
        return null;
    }

    private SemaphoreSlim Enter(string conversationKey)
    {
        lock (_locks)
        {
            if (!_locks.TryGetValue(conversationKey, out var entry))
            {
                entry = (new SemaphoreSlim(1, 1), 0);
            }
            _locks[conversationKey] = (entry.Gate, entry.Users + 1);
            return entry.Gate;
        }
    }

    private void Release(string conversationKey, bool entered)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[conversationKey];
            if (entered)
            {
                gate.Release();
            }
            if (users == 1)
            {
                _locks.Remove(conversationKey);
                gate.Dispose();
            }
            else
            {
                _locks[conversationKey] = (gate, users - 1);
            }
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "The turn lease of {ConversationKey} was still held elsewhere after the wait; going on under the version check")]
    private partial void LogLeaseTimedOut(string conversationKey);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "No turn lease for {ConversationKey} (the lease store failed); going on under the version check")]
    private partial void LogLeaseUnavailable(Exception exception, string conversationKey);

    private sealed class Releaser(string conversationKey, IAsyncDisposable? lease, TurnLocks owner) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            try
            {
                if (lease is not null)
                {
                    await lease.DisposeAsync();
                }
            }
            finally
            {
                owner.Release(conversationKey, entered: true);
            }
        }
    }
}
