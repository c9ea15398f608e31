using System.Security.Cryptography;
using System.Text;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Marks a customer's message read (specs §5) once its turn is done, through the outbox like any send (the rate,
/// retries, dead letters), behind the replies already queued for that conversation.
/// </summary>
public sealed class WhatsAppReadReceipts(IWhatsAppOutbox outbox, WhatsAppDelivery delivery, WhatsAppOutboxSignal dispatcher, TimeProvider clock)
{
    public async Task MarkReadAsync(TenantId tenantId, string phoneNumberId, string conversationId, string wamid, CancellationToken cancellationToken = default)
    {
        var message = new OutboundMessage(tenantId, Key(wamid), phoneNumberId, conversationId, OutboundPayloads.MarkRead(wamid).ToJsonString(),
            DeliveryState.Queued, null, null, clock.GetUtcNow());
        var stored = await outbox.AddAsync(message, cancellationToken);
        var now = clock.GetUtcNow();
        if (stored.State != DeliveryState.Queued || !await outbox.TryClaimAsync(tenantId, stored.Id, now, now + delivery.Lease, cancellationToken))
        {
            // Already done, or behind an older message of the conversation: the dispatcher sends it in turn.
            dispatcher.Notify();
            return;
        }
        await delivery.SendClaimedAsync(stored, cancellationToken);
    }

    /// <summary>A hash of the wamid, which holds the customer's number, so the outbox key can be logged.</summary>
    public static string Key(string wamid) => "read:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wamid)))[..32];
}
