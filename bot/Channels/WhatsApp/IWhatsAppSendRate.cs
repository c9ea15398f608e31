namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// The Cloud API's throughput limit (80 messages per second per business number by default, specs §6.3) as an
/// even pace: each send reserves the next free slot of its number, one every 1/limit of a second, and waits for
/// it. Paced sends stay within the limit in every one-second interval, even after the network has bunched some of
/// them (a per-second counter lets a whole second's worth go at once, and twice the limit across a second's edge).
/// With Redis the slots are shared by every instance; without it, each instance paces alone.
/// </summary>
public interface IWhatsAppSendRate
{
    /// <summary>
    /// Reserves the number's next free slot at or after <paramref name="now"/> and returns it. The caller waits until
    /// then by its own clock read after this returns, so the time the reservation took is not waited twice.
    /// </summary>
    Task<DateTimeOffset> ReserveAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default);
}

internal static class SendRatePace
{
    public static string Key(string phoneNumberId) => $"atendimento:whatsapp:pace:{phoneNumberId}";

    public static TimeSpan Interval(double perSecond) => TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / perSecond));
}

public sealed class InMemoryWhatsAppSendRate(double perSecond) : IWhatsAppSendRate
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = SendRatePace.Interval(perSecond);
    private readonly Dictionary<string, DateTimeOffset> _nextFree = new(StringComparer.Ordinal);

    public Task<DateTimeOffset> ReserveAsync(string phoneNumberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var slot = _nextFree.TryGetValue(phoneNumberId, out var next) && next > now ? next : now;
            _nextFree[phoneNumberId] = slot + _interval;
            return Task.FromResult(slot);
        }
    }
}
