using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Delivery;

public sealed class InMemoryTicketMessageDeliveries : ITicketMessageDeliveries
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, TicketId, long), MessageDelivery> _deliveries = [];

    public Task<bool> RecordAsync(TenantId tenantId, MessageDelivery delivery, bool restart = false, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (tenantId, delivery.TicketId, delivery.Sequence);
            if (!restart && _deliveries.TryGetValue(key, out var current) && !MessageDelivery.CanMove(current.State, delivery.State))
            {
                return Task.FromResult(false);
            }
            _deliveries[key] = delivery;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyDictionary<long, MessageDelivery>> ForTicketAsync(TenantId tenantId, TicketId ticketId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<long, MessageDelivery> found = _deliveries
                .Where(d => d.Key.Item1 == tenantId && d.Key.Item2 == ticketId)
                .ToDictionary(d => d.Key.Item3, d => d.Value);
            return Task.FromResult(found);
        }
    }
}
