using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Delivery;

/// <summary>
/// The delivery state of ticket lines, kept beside the tickets (its own table) and written by whichever channel
/// carried the line. A line without a record was never tracked (a channel without receipts, or a bot line).
/// </summary>
public interface ITicketMessageDeliveries
{
    /// <summary>
    /// Stores the state when the line has none yet or it moves forward (<see cref="MessageDelivery.CanMove"/>);
    /// with <paramref name="restart"/> (a message sent again by an admin) it goes back to the given state.
    /// Returns whether anything changed.
    /// </summary>
    Task<bool> RecordAsync(TenantId tenantId, MessageDelivery delivery, bool restart = false, CancellationToken cancellationToken = default);

    /// <summary>The deliveries of one ticket's lines, by sequence.</summary>
    Task<IReadOnlyDictionary<long, MessageDelivery>> ForTicketAsync(TenantId tenantId, TicketId ticketId, CancellationToken cancellationToken = default);
}
