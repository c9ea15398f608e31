using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Handoff;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Sends a conversation's activities as Graph API messages. Each message is stored in the WhatsApp outbox (keyed by
/// activity id and part) before it is sent, so a resent conversation outbox sends nothing twice. A retryable failure
/// throws, leaving the conversation's outbox for the next try; a permanent one is a dead letter and sending goes on.
/// </summary>
public sealed partial class WhatsAppSender(
    IWhatsAppOutbox outbox,
    GraphApiClient graph,
    GraphSendPipelines pipelines,
    IWhatsAppSendRate rate,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppSender> logger) : IChannelSender
{
    /// <summary>Free-form messages reach a customer only this long after their last message (specs §6.3).</summary>
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public string Channel => InboundMessages.Channel;

    public async Task SendAsync(ConversationState conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var number = options.Value.Find(conversation.Address.Bot.Id)
            ?? throw new InvalidOperationException($"Phone number id {conversation.Address.Bot.Id} of tenant {conversation.TenantId} is no longer configured.");
        foreach (var activity in activities)
        {
            // The customer's number lives in the user account; the conversation id is only a pseudonym of it.
            var payloads = OutboundPayloads.For(activity, conversation.Address.User!.Id);
            for (var part = 0; part < payloads.Count; part++)
            {
                var message = new OutboundMessage(conversation.TenantId, $"{activity.Id ?? Guid.NewGuid().ToString("N")}:{part}", number.PhoneNumberId,
                    conversation.Id, payloads[part].ToJsonString(), DeliveryState.Queued, null, null, clock.GetUtcNow());
                await SendAsync(conversation, number, await outbox.AddAsync(message, cancellationToken), cancellationToken);
            }
        }
    }

    private async Task SendAsync(ConversationState conversation, WhatsAppNumberOptions number, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.State != DeliveryState.Queued)
        {
            return;
        }
        if (!WindowIsOpen(conversation))
        {
            // Meta would refuse it with 131047; templates, the only way through, are not built yet.
            await outbox.MarkFailedAsync(message.TenantId, message.Id, GraphErrors.WindowClosed, clock.GetUtcNow(), cancellationToken);
            LogWindowClosed(message.TenantId.Value, message.Id);
            return;
        }
        var result = await SendThroughPipelineAsync(number, message, cancellationToken);
        if (result.Succeeded)
        {
            await outbox.MarkSentAsync(message.TenantId, message.Id, result.Wamid!, clock.GetUtcNow(), cancellationToken);
            return;
        }
        LogSendFailed(message.TenantId.Value, message.Id, result.ErrorCode ?? -1, (int)result.Status, result.TraceId);
        if (GraphErrors.IsTransient(result))
        {
            throw new WhatsAppSendException(message.Id, result);
        }
        await outbox.MarkFailedAsync(message.TenantId, message.Id, result.ErrorCode ?? (int)result.Status, clock.GetUtcNow(), cancellationToken);
    }

    private async Task<GraphSendResult> SendThroughPipelineAsync(WhatsAppNumberOptions number, OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await pipelines.For(number.PhoneNumberId).ExecuteAsync(
                async token =>
                {
                    await WaitForRateAsync(number.PhoneNumberId, token);
                    return await graph.SendAsync(number, message.Payload, token);
                }, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            // The message stays queued; the conversation's outbox is tried again with its next turn or delivery.
            LogCircuitOpen(message.TenantId.Value, number.PhoneNumberId);
            throw;
        }
    }

    /// <summary>Every try counts against the number's throughput, so the wait is inside the retry loop.</summary>
    private async Task WaitForRateAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        while (await rate.TryAcquireAsync(phoneNumberId, clock.GetUtcNow(), cancellationToken) is { } wait)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private bool WindowIsOpen(ConversationState conversation) =>
        conversation.Transcript.LastOrDefault(e => e.Role == TranscriptRole.Customer) is not { } last
        || clock.GetUtcNow() - last.At < CustomerServiceWindow;

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Did not send WhatsApp message {MessageId} of tenant {TenantId}: the 24-hour window is closed")]
    private partial void LogWindowClosed(string tenantId, string messageId);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Did not send for tenant {TenantId}: the circuit of phone number id {PhoneNumberId} is open")]
    private partial void LogCircuitOpen(string tenantId, string phoneNumberId);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} of tenant {TenantId} was refused: code {Code}, HTTP {Status}, fbtrace_id {TraceId}")]
    private partial void LogSendFailed(string tenantId, string messageId, int code, int status, string? traceId);
}

/// <summary>A retryable Graph API failure; the message stays queued and the conversation's outbox is tried again.</summary>
public sealed class WhatsAppSendException(string messageId, GraphSendResult result)
    : Exception($"WhatsApp message {messageId} was not accepted (code {result.ErrorCode}, HTTP {(int)result.Status}); it will be retried.")
{
    public GraphSendResult Result { get; } = result;
}
