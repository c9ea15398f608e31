using System.Collections.Concurrent;

namespace Atendimento.Routing.Desk.Identity;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed sign-ins for one account, or from one address,
/// within <see cref="Window"/>, further attempts are refused until the window has passed. Counted in this
/// process; with N instances a guesser gets at most N times as many tries.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait before trying again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(params string[] keys)
    {
        var now = clock.GetUtcNow();
        var waits = keys
            .Select(key => _failures.TryGetValue(key, out var failures) && failures.Count >= MaxFailures && failures.Since + Window > now ? failures.Since + Window - now : (TimeSpan?)null)
            .Where(wait => wait is not null)
            .ToList();
        return waits.Count > 0 ? waits.Max() : null;
    }

    public void RecordFailure(params string[] keys)
    {
        var now = clock.GetUtcNow();
        foreach (var key in keys)
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, failures) => failures.Since + Window <= now ? new Failures(1, now) : failures with { Count = failures.Count + 1 });
        }
    }

    public void Forget(string key) => _failures.TryRemove(key, out _);

    private sealed record Failures(int Count, DateTimeOffset Since);
}
