using System.Globalization;
using StackExchange.Redis;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// A sliding log per number in one Redis sorted set (send times in milliseconds), trimmed, counted and appended by
/// one script, so instances never race between the count and the append. If Redis cannot answer, the send goes
/// ahead: Meta's own limit (130429) is retried, and a lost message is worse.
/// </summary>
public sealed partial class RedisWhatsAppSendRate(IConnectionMultiplexer redis, int perSecond, ILogger<RedisWhatsAppSendRate> logger) : IWhatsAppSendRate
{
    // KEYS[1] the log; ARGV: now (ms), window (ms), limit, a unique member. Returns -1 when counted, else the oldest send (ms).
    private const string Script = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], now, ARGV[4])
          redis.call('PEXPIRE', KEYS[1], window * 2)
          return -1
        end
        return tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
        """;

    public async Task<TimeSpan?> TryAcquireAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        long answer;
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(Script, [SendRateWindows.Key(phoneNumberId)],
            [
                now.ToUnixTimeMilliseconds(), (long)SendRateWindows.Length.TotalMilliseconds, perSecond,
                Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
            ]);
            answer = (long)result;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(exception, phoneNumberId);
            return null;
        }
        return answer < 0 ? null : SendRateWindows.UntilFree(DateTimeOffset.FromUnixTimeMilliseconds(answer), now);
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Could not count a send for phone number id {PhoneNumberId} in Redis; sending without the shared limit")]
    private partial void LogRedisUnavailable(Exception exception, string phoneNumberId);
}
