namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>Wakes this instance's inbox processor after a webhook is accepted; polling covers everything else.</summary>
public sealed class WhatsAppInboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up drains everything pending.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
