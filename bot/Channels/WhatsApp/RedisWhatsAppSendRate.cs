using StackExchange.Redis;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// One Redis counter per number and second (<c>INCR</c>, expiring after two seconds), shared by all instances. If
/// Redis cannot answer, the send goes ahead: Meta's own limit (130429) is retried, and a lost message is worse.
/// </summary>
public sealed partial class RedisWhatsAppSendRate(IConnectionMultiplexer redis, int perSecond, ILogger<RedisWhatsAppSendRate> logger) : IWhatsAppSendRate
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromSeconds(2);

    public async Task<TimeSpan?> TryAcquireAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var key = SendRateWindows.Key(phoneNumberId, now);
        long count;
        try
        {
            var database = redis.GetDatabase();
            count = await database.StringIncrementAsync(key);
            if (count == 1)
            {
                await database.KeyExpireAsync(key, KeyLifetime);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(exception, phoneNumberId);
            return null;
        }
        return count > perSecond ? SendRateWindows.UntilNext(now) : null;
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Could not count a send for phone number id {PhoneNumberId} in Redis; sending without the shared limit")]
    private partial void LogRedisUnavailable(Exception exception, string phoneNumberId);
}
