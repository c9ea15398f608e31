using System.Globalization;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// The Cloud API's throughput limit (80 messages per second per business number by default, specs §6.3), counted in
/// one-second windows. With Redis the count is shared by every instance; without it, each instance counts alone.
/// </summary>
public interface IWhatsAppSendRate
{
    /// <summary>Counts one send for the number at <paramref name="now"/>: null when it may go, else how long until the next window.</summary>
    Task<TimeSpan?> TryAcquireAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default);
}

internal static class SendRateWindows
{
    public static long Second(DateTimeOffset now) => now.ToUnixTimeSeconds();

    public static TimeSpan UntilNext(DateTimeOffset now) => DateTimeOffset.FromUnixTimeSeconds(Second(now) + 1) - now;

    public static string Key(string phoneNumberId, DateTimeOffset now) =>
        $"atendimento:whatsapp:rate:{phoneNumberId}:{Second(now).ToString(CultureInfo.InvariantCulture)}";
}

public sealed class InMemoryWhatsAppSendRate(int perSecond) : IWhatsAppSendRate
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Second, int Count)> _windows = new(StringComparer.Ordinal);

    public Task<TimeSpan?> TryAcquireAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var second = SendRateWindows.Second(now);
            var window = _windows.TryGetValue(phoneNumberId, out var current) && current.Second == second ? current : (Second: second, Count: 0);
            if (window.Count >= perSecond)
            {
                return Task.FromResult<TimeSpan?>(SendRateWindows.UntilNext(now));
            }
            _windows[phoneNumberId] = (second, window.Count + 1);
            return Task.FromResult<TimeSpan?>(null);
        }
    }
}
