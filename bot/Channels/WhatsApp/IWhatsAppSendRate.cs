namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// The Cloud API's throughput limit (80 messages per second per business number by default, specs §6.3), kept over a
/// sliding second: no interval of one second ever holds more than the limit, also across the edge of a clock second
/// (a fixed per-second counter lets twice the limit through around that edge). With Redis the log is shared by
/// every instance; without it, each instance counts alone.
/// </summary>
public interface IWhatsAppSendRate
{
    /// <summary>Counts one send for the number at <paramref name="now"/>: null when it may go, else how long until a slot frees.</summary>
    Task<TimeSpan?> TryAcquireAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default);
}

internal static class SendRateWindows
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(1);

    public static string Key(string phoneNumberId) => $"atendimento:whatsapp:rate:{phoneNumberId}";

    /// <summary>The slot of the oldest send in the window frees when it is one window old; never less than a millisecond.</summary>
    public static TimeSpan UntilFree(DateTimeOffset oldest, DateTimeOffset now)
    {
        var wait = oldest + Length - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
    }
}

public sealed class InMemoryWhatsAppSendRate(int perSecond) : IWhatsAppSendRate
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _logs = new(StringComparer.Ordinal);

    public Task<TimeSpan?> TryAcquireAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(phoneNumberId, out var log))
            {
                _logs[phoneNumberId] = log = new Queue<DateTimeOffset>();
            }
            while (log.Count > 0 && log.Peek() <= now - SendRateWindows.Length)
            {
                log.Dequeue();
            }
            if (log.Count >= perSecond)
            {
                return Task.FromResult<TimeSpan?>(SendRateWindows.UntilFree(log.Peek(), now));
            }
            log.Enqueue(now);
            return Task.FromResult<TimeSpan?>(null);
        }
    }
}
