namespace Atendimento.Routing.Desk.Identity;

/// <summary>
/// Slows password guessing: at most <see cref="SignInThrottle.MaxFailures"/> sign-in attempts that are not (yet)
/// known to have succeeded, per account and per address, within <see cref="SignInThrottle.Window"/> of the first.
/// An attempt is counted before its password is checked, so parallel guesses cannot slip past the count, and taken
/// back when it succeeds.
/// </summary>
public interface ISignInThrottle
{
    /// <summary>Counts an attempt for every key; or, when one of them is used up, counts nothing and says how long to wait.</summary>
    Task<TimeSpan?> TryBeginAsync(string[] keys, CancellationToken cancellationToken = default);

    /// <summary>The attempt succeeded: it no longer counts against any of the keys.</summary>
    Task SucceededAsync(string[] keys, CancellationToken cancellationToken = default);
}

public static class SignInThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The embedded default, counted in this process (and the fallback of <see cref="RedisSignInThrottle"/> while Redis
/// cannot answer). Expired entries are swept, so a stream of made-up user names cannot grow it without bound.
/// </summary>
public sealed class InMemorySignInThrottle(TimeProvider clock) : ISignInThrottle
{
    private const int SweepAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);

    public Task<TimeSpan?> TryBeginAsync(string[] keys, CancellationToken cancellationToken = default) => Task.FromResult(TryBegin(keys));

    public Task SucceededAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        Succeeded(keys);
        return Task.CompletedTask;
    }

    public TimeSpan? TryBegin(string[] keys)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            var current = keys.Select(key => Current(key, now)).ToList();
            var blocked = current.Where(a => a.Count >= SignInThrottle.MaxFailures).Select(a => a.Since + SignInThrottle.Window - now).ToList();
            if (blocked.Count > 0)
            {
                return blocked.Max();
            }
            for (var i = 0; i < keys.Length; i++)
            {
                _attempts[keys[i]] = current[i] with { Count = current[i].Count + 1 };
            }
            return null;
        }
    }

    public void Succeeded(string[] keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_attempts.TryGetValue(key, out var attempts))
                {
                    _attempts[key] = attempts with { Count = Math.Max(0, attempts.Count - 1) };
                }
            }
        }
    }

    private Attempts Current(string key, DateTimeOffset now) =>
        _attempts.TryGetValue(key, out var attempts) && attempts.Since + SignInThrottle.Window > now ? attempts : new Attempts(0, now);

    private void Sweep(DateTimeOffset now)
    {
        if (_attempts.Count <= SweepAbove)
        {
            return;
        }
        foreach (var key in _attempts.Where(pair => pair.Value.Since + SignInThrottle.Window <= now).Select(pair => pair.Key).ToList())
        {
            _attempts.Remove(key);
        }
    }

    private sealed record Attempts(int Count, DateTimeOffset Since);
}
