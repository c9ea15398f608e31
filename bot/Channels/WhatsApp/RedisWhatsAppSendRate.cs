using StackExchange.Redis;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// The number's next free slot in one Redis key (Unix microseconds), read and moved on by one script, so instances
/// never race between the two. If Redis cannot answer, the send goes ahead: Meta's own limit (130429) is retried,
/// and a lost message is worse.
/// </summary>
public sealed partial class RedisWhatsAppSendRate(IConnectionMultiplexer redis, double perSecond, ILogger<RedisWhatsAppSendRate> logger) : IWhatsAppSendRate
{
    // KEYS[1] the next free slot; ARGV: now and the interval, in µs. Returns the reserved slot, in µs.
    // string.format keeps all digits: Lua would write a large number in exponent form.
    private const string Script = """
        local now = tonumber(ARGV[1])
        local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
        local after = slot + tonumber(ARGV[2])
        redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000) + 1000)
        return slot
        """;

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private readonly long _intervalMicroseconds = SendRatePace.Interval(perSecond).Ticks / TicksPerMicrosecond;

    public async Task<DateTimeOffset> ReserveAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        try
        {
            var nowMicroseconds = (now - DateTimeOffset.UnixEpoch).Ticks / TicksPerMicrosecond;
            var slot = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, [SendRatePace.Key(phoneNumberId)], [nowMicroseconds, _intervalMicroseconds]);
            return DateTimeOffset.UnixEpoch.AddTicks(slot * TicksPerMicrosecond);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRedisUnavailable(exception, phoneNumberId);
            return now;
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Could not reserve a send slot for phone number id {PhoneNumberId} in Redis; sending without the shared limit")]
    private partial void LogRedisUnavailable(Exception exception, string phoneNumberId);
}
