using Atendimento.Routing.Delivery;
using Atendimento.Routing.Tickets;

namespace Atendimento.Bot.Channels.WhatsApp;

/// <summary>
/// Tells routing how an agent's WhatsApp message fared, through its channel-agnostic delivery port: queued when
/// stored, sent when Meta took it, then whatever the status webhooks say. Bot lines carry no ticket link and are skipped.
/// </summary>
public sealed class TicketDeliveryReports(ITicketMessageDeliveries deliveries, TimeProvider clock)
{
    public Task ReportAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        ReportAsync(message, message.State, message.ErrorCode, restart: false, cancellationToken);

    public Task ReportAsync(OutboundMessage message, DeliveryState state, int? errorCode, bool restart = false, CancellationToken cancellationToken = default)
    {
        if (message.Ticket is not { } link)
        {
            return Task.CompletedTask;
        }
        var failed = state == DeliveryState.Failed;
        var delivery = new MessageDelivery(new TicketId(link.TicketId), link.Sequence, (MessageDeliveryState)(int)state,
            failed ? errorCode : null, failed && errorCode is { } code ? GraphErrorTitles.For(code) : null, clock.GetUtcNow());
        return deliveries.RecordAsync(message.TenantId, delivery, restart, cancellationToken);
    }
}
