using Atendimento.Platform.Messaging;
using Microsoft.Extensions.Logging;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// Wakes the dispatcher: at once on this instance, and through the message bus on the others (Redis when
/// configured). A wake-up is a hint, not data: one lost only delays work until the next sweep.
/// </summary>
public sealed partial class AssignmentSignal(IMessageBus bus, ILogger<AssignmentSignal> logger)
{
    public const string Topic = "routing.assignment";

    private readonly SemaphoreSlim _local = new(0, 1);

    /// <summary>Something may be assignable now: a ticket queued, an agent online, capacity freed.</summary>
    public async Task RaiseAsync(CancellationToken cancellationToken = default)
    {
        WakeLocal();
        try
        {
            await bus.PublishAsync(Topic, "wake", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never fail the ticket change that raised it: the other instances' sweeps catch up.
            LogPublishFailed(exception);
        }
    }

    public void WakeLocal()
    {
        try
        {
            _local.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one pending wake-up is enough.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first (the sweep).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _local.WaitAsync(timeout, cancellationToken);

    [LoggerMessage(EventId = 3551, Level = LogLevel.Warning, Message = "Could not publish an assignment wake-up to the other instances")]
    private partial void LogPublishFailed(Exception exception);
}
