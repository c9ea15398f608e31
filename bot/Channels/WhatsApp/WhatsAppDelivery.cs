using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Sends one claimed outbox message, for the sender (right after a turn) and the dispatcher (retries) alike:
/// through the number's pipeline and the shared rate, then records the outcome. Sent, or a dead letter for a
/// permanent error or after <see cref="WhatsAppResilienceOptions.MaxSendAttempts"/>; otherwise it stays queued for
/// a later try with a growing delay. Nothing here throws for Meta's answers, so one failure blocks no one else.
/// </summary>
public sealed partial class WhatsAppDelivery(
    IWhatsAppOutbox outbox,
    GraphApiClient graph,
    GraphSendPipelines pipelines,
    IWhatsAppSendRate rate,
    TicketDeliveryReports tickets,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppDelivery> logger)
{
    private const int MaxSlotRetries = 3;
    private static readonly TimeSpan LateSlotTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a claim lasts; a send is cut off a little before, so no other instance ever sends it meanwhile.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(options.Value.OutboxLeaseSeconds);

    public async Task<DeliveryState> SendClaimedAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (options.Value.Find(message.PhoneNumberId) is not { } number)
        {
            // Configuration removed the number after the message was stored: nothing can send it.
            return await DeadLetterAsync(message, 0, cancellationToken);
        }
        var result = await TrySendAsync(number, message, cancellationToken);
        if (result?.Succeeded == true)
        {
            await outbox.MarkSentAsync(message.TenantId, message.Id, result.Wamid, clock.GetUtcNow(), cancellationToken);
            await tickets.ReportAsync(message, DeliveryState.Sent, null, cancellationToken: cancellationToken);
            return DeliveryState.Sent;
        }
        var code = result is null ? GraphErrorTitles.Unreachable : GraphErrors.CodeOf(result);
        if (result is not null)
        {
            LogSendFailed(message.TenantId.Value, message.Id, code, (int)result.Status, result.TraceId);
        }
        var retryable = result is null || GraphErrors.IsTransient(result);
        return retryable && message.Attempts + 1 < options.Value.Resilience.MaxSendAttempts
            ? await RescheduleAsync(message, code, cancellationToken)
            : await DeadLetterAsync(message, code, cancellationToken);
    }

    /// <summary>Meta's answer, or null when the number's circuit is open or the Graph API could not be reached in time.</summary>
    private async Task<GraphSendResult?> TrySendAsync(WhatsAppNumberOptions number, OutboundMessage message, CancellationToken cancellationToken)
    {
        using var leaseEnds = new CancellationTokenSource(Lease * 0.9, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseEnds.Token);
        try
        {
            return await pipelines.For(number.PhoneNumberId).ExecuteAsync(
                async token =>
                {
                    await WaitForRateAsync(number.PhoneNumberId, token);
                    return await graph.SendAsync(number, message.Payload, token);
                }, linked.Token);
        }
        catch (BrokenCircuitException)
        {
            LogCircuitOpen(message.TenantId.Value, number.PhoneNumberId);
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(exception, message.TenantId.Value, message.Id);
            return null;
        }
    }

    /// <summary>
    /// Every try counts against the number's throughput, so the wait is inside the retry loop. A slot that had
    /// already passed when the reservation came back (a slow answer from Redis, a busy thread pool) is given up
    /// for a fresh one: sending on it would bunch this send with the ones paced after it.
    /// </summary>
    private async Task WaitForRateAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        var slot = await rate.ReserveAsync(phoneNumberId, clock.GetUtcNow(), cancellationToken);
        for (var retry = 0; retry < MaxSlotRetries && clock.GetUtcNow() - slot > LateSlotTolerance; retry++)
        {
            slot = await rate.ReserveAsync(phoneNumberId, clock.GetUtcNow(), cancellationToken);
        }
        var wait = slot - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private async Task<DeliveryState> RescheduleAsync(OutboundMessage message, int code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await outbox.RescheduleAsync(message.TenantId, message.Id, code, now + RedeliveryDelay(message.Attempts + 1), now, cancellationToken);
        LogRescheduled(message.TenantId.Value, message.Id, code, message.Attempts + 1);
        return DeliveryState.Queued;
    }

    private async Task<DeliveryState> DeadLetterAsync(OutboundMessage message, int code, CancellationToken cancellationToken)
    {
        await outbox.MarkFailedAsync(message.TenantId, message.Id, code, clock.GetUtcNow(), cancellationToken);
        await tickets.ReportAsync(message, DeliveryState.Failed, code, cancellationToken: cancellationToken);
        LogDeadLetter(message.TenantId.Value, message.Id, code, message.Attempts + 1);
        return DeliveryState.Failed;
    }

    /// <summary>Doubles from the base delay up to the maximum: the outbox keeps the message meanwhile, in order.</summary>
    internal TimeSpan RedeliveryDelay(int attempts)
    {
        var settings = options.Value.Resilience;
        var seconds = settings.RedeliveryBaseDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.RedeliveryMaxDelaySeconds));
    }

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} of tenant {TenantId} was refused: code {Code}, HTTP {Status}, fbtrace_id {TraceId}")]
    private partial void LogSendFailed(string tenantId, string messageId, int code, int status, string? traceId);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Did not send for tenant {TenantId}: the circuit of phone number id {PhoneNumberId} is open")]
    private partial void LogCircuitOpen(string tenantId, string phoneNumberId);

    [LoggerMessage(EventId = 5310, Level = LogLevel.Warning, Message = "Could not reach the Graph API for WhatsApp message {MessageId} of tenant {TenantId}")]
    private partial void LogUnreachable(Exception exception, string tenantId, string messageId);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Information, Message = "WhatsApp message {MessageId} of tenant {TenantId} stays queued after code {Code} (attempt {Attempt})")]
    private partial void LogRescheduled(string tenantId, string messageId, int code, int attempt);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Error, Message = "WhatsApp message {MessageId} of tenant {TenantId} is a dead letter: code {Code} after {Attempts} attempt(s)")]
    private partial void LogDeadLetter(string tenantId, string messageId, int code, int attempts);
}
