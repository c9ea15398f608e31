using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Atendimento.Routing.Desk.Identity;

/// <summary>
/// The sign-in count of every instance in Redis: one hash per key (count and the start of its window), checked and
/// counted for all the keys by one script, so parallel attempts on several instances cannot slip past it. Times come
/// from the host's clock, not from Redis, as in the in-memory throttle. If Redis cannot answer, this instance counts
/// on its own meanwhile (<see cref="InMemorySignInThrottle"/>): agents can still sign in, and guessing stays slowed.
/// </summary>
public sealed partial class RedisSignInThrottle(IConnectionMultiplexer redis, TimeProvider clock, IOptions<DeskOptions> options, ILogger<RedisSignInThrottle> logger)
    : ISignInThrottle
{
    private readonly string _prefix = $"atendimento:desk:sign-in:{options.Value.SignInThrottleNamespace}:";

    // ARGV: now and the window in ms, the most attempts. Returns -1 when counted, else the ms to wait.
    // string.format keeps every digit of the window's start: Lua would write a large number in exponent form.
    private const string BeginScript = """
        local now, window, most = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local counts, starts, wait = {}, {}, -1
        for i, key in ipairs(KEYS) do
          local stored = redis.call('HMGET', key, 'count', 'since')
          local count, since = 0, now
          if stored[1] and tonumber(stored[2]) + window > now then
            count, since = tonumber(stored[1]), tonumber(stored[2])
          end
          counts[i], starts[i] = count, since
          if count >= most then wait = math.max(wait, since + window - now) end
        end
        if wait >= 0 then return wait end
        for i, key in ipairs(KEYS) do
          redis.call('HSET', key, 'count', counts[i] + 1, 'since', string.format('%.0f', starts[i]))
          redis.call('PEXPIRE', key, starts[i] + window - now)
        end
        return -1
        """;

    private const string SucceededScript = """
        for _, key in ipairs(KEYS) do
          local count = tonumber(redis.call('HGET', key, 'count') or '0')
          if count > 0 then redis.call('HINCRBY', key, 'count', -1) end
        end
        return 0
        """;

    private readonly InMemorySignInThrottle _fallback = new(clock);

    public async Task<TimeSpan?> TryBeginAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(BeginScript, Keys(keys),
                [now, (long)SignInThrottle.Window.TotalMilliseconds, SignInThrottle.MaxFailures]);
            return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(exception);
            return _fallback.TryBegin(keys);
        }
    }

    public async Task SucceededAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        _fallback.Succeeded(keys);
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(SucceededScript, Keys(keys));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(exception);
        }
    }

    private RedisKey[] Keys(string[] keys) => [.. keys.Select(key => (RedisKey)(_prefix + key))];

    [LoggerMessage(EventId = 3720, Level = LogLevel.Warning, Message = "Could not reach Redis for the sign-in throttle; this instance counts attempts on its own meanwhile")]
    private partial void LogRedisUnavailable(Exception exception);
}
