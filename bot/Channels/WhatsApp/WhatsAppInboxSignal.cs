namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>Wakes a background loop of this instance early; its polling covers everything else (other instances, crashes).</summary>
public abstract class WakeUpSignal : IDisposable
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
            // Already signalled: one wake-up handles everything pending.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Wakes the inbox processor after a webhook is accepted.</summary>
public sealed class WhatsAppInboxSignal : WakeUpSignal;

/// <summary>Wakes the outbox dispatcher when a message was left queued behind an older one.</summary>
public sealed class WhatsAppOutboxSignal : WakeUpSignal;
