using Atendimento.Bot.Activities;
using Atendimento.Bot.Conversations;
using Atendimento.Handoff;
using Microsoft.Extensions.Options;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Sends a conversation's activities as Graph API messages. Each message is stored in the WhatsApp outbox (keyed by
/// activity id and part) before it is sent, so a resent conversation outbox sends nothing twice. From then on the
/// WhatsApp outbox owns it: a message that cannot go now (a retryable failure, or an older one of the conversation
/// still waiting) stays queued for the <see cref="WhatsAppOutboxDispatcher"/>, in order; a permanent failure is a dead letter.
/// </summary>
public sealed partial class WhatsAppSender(
    IWhatsAppOutbox outbox,
    WhatsAppDelivery delivery,
    TicketDeliveryReports tickets,
    WhatsAppOutboxSignal dispatcher,
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
        var templateSent = false;
        foreach (var activity in activities)
        {
            var link = TicketMessageLink.From(activity);
            var id = activity.Id ?? Guid.NewGuid().ToString("N");
            // The customer's number lives in the user account; the conversation id is only a pseudonym of it.
            var payloads = OutboundPayloads.For(activity, conversation.Address.User!.Id);
            for (var part = 0; part < payloads.Count; part++)
            {
                var key = $"{id}:{part}";
                var message = new OutboundMessage(conversation.TenantId, key, number.PhoneNumberId, conversation.Id,
                    OutboundPayloads.WithCallbackData(payloads[part], key).ToJsonString(), DeliveryState.Queued, null, null, clock.GetUtcNow(), Ticket: link);
                var stored = await StoreAsync(message, cancellationToken);
                if (stored.State == DeliveryState.Queued && !WindowIsOpen(conversation))
                {
                    await RefuseOutsideWindowAsync(stored, cancellationToken);
                    templateSent = templateSent || await SendTemplateAsync(conversation, number, id, cancellationToken);
                    continue;
                }
                await SendAsync(stored, cancellationToken);
            }
        }
    }

    /// <summary>Meta would refuse free text with 131047: it is recorded so, and the agent sees it on the ticket line.</summary>
    private async Task RefuseOutsideWindowAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        await outbox.MarkFailedAsync(message.TenantId, message.Id, GraphErrors.WindowClosed, clock.GetUtcNow(), cancellationToken);
        await tickets.ReportAsync(message, DeliveryState.Failed, GraphErrors.WindowClosed, cancellationToken: cancellationToken);
        LogWindowClosed(message.TenantId.Value, message.Id);
    }

    /// <summary>Once per batch, the configured template goes instead, so the customer can reopen the window; false when none is configured.</summary>
    private async Task<bool> SendTemplateAsync(ConversationState conversation, WhatsAppNumberOptions number, string activityId, CancellationToken cancellationToken)
    {
        if (options.Value.WindowClosed(conversation.TenantId.Value, number.PhoneNumberId) is not { } template)
        {
            return false;
        }
        var key = activityId + ":template";
        var payload = OutboundPayloads.Template(conversation.Address.User!.Id, template.Name, template.Language, template.ParametersFor(conversation.ActiveTicketId));
        var message = new OutboundMessage(conversation.TenantId, key, number.PhoneNumberId, conversation.Id,
            OutboundPayloads.WithCallbackData(payload, key).ToJsonString(), DeliveryState.Queued, null, null, clock.GetUtcNow());
        await SendAsync(await outbox.AddAsync(message, cancellationToken), cancellationToken);
        LogTemplateSent(conversation.TenantId.Value, key);
        return true;
    }

    private async Task<OutboundMessage> StoreAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var stored = await outbox.AddAsync(message, cancellationToken);
        if (stored == message)
        {
            await tickets.ReportAsync(stored, cancellationToken);
        }
        return stored;
    }

    private async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.State != DeliveryState.Queued)
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (!await outbox.TryClaimAsync(message.TenantId, message.Id, now, now + delivery.Lease, cancellationToken))
        {
            // An older message of this conversation waits for another try (or another instance holds this one).
            dispatcher.Notify();
            return;
        }
        await delivery.SendClaimedAsync(message, cancellationToken);
    }

    private bool WindowIsOpen(ConversationState conversation) =>
        conversation.Transcript.LastOrDefault(e => e.Role == TranscriptRole.Customer) is not { } last
        || clock.GetUtcNow() - last.At < CustomerServiceWindow;

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Did not send WhatsApp message {MessageId} of tenant {TenantId}: the 24-hour window is closed")]
    private partial void LogWindowClosed(string tenantId, string messageId);

    [LoggerMessage(EventId = 5314, Level = LogLevel.Information, Message = "Sent the window-closed template as WhatsApp message {MessageId} of tenant {TenantId}")]
    private partial void LogTemplateSent(string tenantId, string messageId);
}
