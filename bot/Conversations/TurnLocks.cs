namespace Atendimento.Bot.Conversations;

/// <summary>
/// One turn at a time per conversation inside this instance. Across instances the optimistic version check on
/// the state catches the rare overlap and the turn is run again on fresh state.
/// </summary>
public sealed class TurnLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            if (!_locks.TryGetValue(conversationKey, out var entry))
            {
                entry = (new SemaphoreSlim(1, 1), 0);
            }
            _locks[conversationKey] = (entry.Gate, entry.Users + 1);
            gate = entry.Gate;
        }
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Release(conversationKey, entered: false);
            throw;
        }
        return new Releaser(() => Release(conversationKey, entered: true));
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

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
