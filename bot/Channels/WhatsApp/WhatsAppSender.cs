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
                await SendAsync(conversation, await StoreAsync(message, cancellationToken), cancellationToken);
            }
        }
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

    private async Task SendAsync(ConversationState conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.State != DeliveryState.Queued)
        {
            return;
        }
        if (!WindowIsOpen(conversation))
        {
            // Meta would refuse it with 131047; templates, the only way through, are not built yet.
            await outbox.MarkFailedAsync(message.TenantId, message.Id, GraphErrors.WindowClosed, clock.GetUtcNow(), cancellationToken);
            await tickets.ReportAsync(message, DeliveryState.Failed, GraphErrors.WindowClosed, cancellationToken: cancellationToken);
            LogWindowClosed(message.TenantId.Value, message.Id);
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
}
