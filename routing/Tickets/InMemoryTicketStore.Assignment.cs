using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Assignment;

namespace Atendimento.Routing.Tickets;

/// <summary>What the assignment engine reads, and the capacity check of <see cref="SaveAsync"/>; all under the store's one lock.</summary>
public sealed partial class InMemoryTicketStore
{
    /// <summary>The audit actions that put a ticket (back) into a queue, so its wait there starts again.</summary>
    internal static readonly TicketAction[] QueueEntries = [TicketAction.TransferToQueue, TicketAction.Escalate, TicketAction.Deescalate, TicketAction.Reopen];

    public Task<IReadOnlyList<QueuedTicket>> QueuedAsync(TenantId tenantId, int limit, QueueFilter? filter = null, int offset = 0,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<QueuedTicket> queued = _tickets.Values
                .Where(t => t.TenantId == tenantId && t.Status == TicketStatus.Open && Fits(t, filter))
                .Order(AssignmentOrder.Instance)
                .Skip(offset)
                .Take(limit)
                .Select(t => new QueuedTicket(t with { }, QueuedSince(t)))
                .ToList();
            return Task.FromResult(queued);
        }
    }

    public Task<IReadOnlyDictionary<string, AgentWorkload>> WorkloadsAsync(TenantId tenantId, IReadOnlyCollection<string> agentIds,
        CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var held = _tickets.Values.Where(t => t.TenantId == tenantId && t.AssigneeId is not null).ToLookup(t => t.AssigneeId!);
            IReadOnlyDictionary<string, AgentWorkload> workloads = agentIds.Distinct().ToDictionary(id => id,
                id => new AgentWorkload(held[id].Count(t => AgentLoad.Counts(t.Status)), held[id].Max(t => t.AssignedAt)));
            return Task.FromResult(workloads);
        }
    }

    public Task<IReadOnlyList<TenantId>> TenantsWithQueuedTicketsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TenantId> tenants = _tickets.Values.Where(t => t.Status == TicketStatus.Open).Select(t => t.TenantId).Distinct().ToList();
            return Task.FromResult(tenants);
        }
    }

    private static bool Fits(Ticket ticket, QueueFilter? filter) =>
        filter is null || (ticket.Level == filter.Level && ticket.Skills.All(filter.Skills.Contains));

    private DateTimeOffset QueuedSince(Ticket ticket)
    {
        var entered = _audit.LastOrDefault(a => a.Tenant == ticket.TenantId && a.Entry.TicketId == ticket.Id
            && a.Entry.Entry.StatusTo == TicketStatus.Open && QueueEntries.Contains(a.Entry.Entry.Action));
        return entered.Entry?.Entry.At ?? ticket.OpenedAt;
    }

    /// <summary>The agent's load, leaving out <paramref name="except"/> (the ticket being saved).</summary>
    private int HeldBy(TenantId tenantId, string agentId, TicketId except) =>
        _tickets.Values.Count(t => t.TenantId == tenantId && t.AssigneeId == agentId && t.Id != except && AgentLoad.Counts(t.Status));
}
