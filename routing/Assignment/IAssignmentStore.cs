using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// What the assignment engine reads: the queue in assignment order and the agents' loads. Both ticket stores
/// implement it over their own rows (the contract is tests/Atendimento.Routing.Tests/Assignment/AssignmentStoreContract.cs).
/// </summary>
public interface IAssignmentStore
{
    /// <summary>
    /// Queued (Open) tickets of the tenant in assignment order (<see cref="AssignmentOrder"/>), at most
    /// <paramref name="limit"/>, each with the time it entered its current queue; <paramref name="filter"/> keeps only
    /// the tickets one agent could take; <paramref name="offset"/> skips that many from the head.
    /// </summary>
    Task<IReadOnlyList<QueuedTicket>> QueuedAsync(TenantId tenantId, int limit, QueueFilter? filter = null, int offset = 0,
        CancellationToken cancellationToken = default);

    /// <summary>For each of <paramref name="agentIds"/>: their load now and when they were last given a ticket.</summary>
    Task<IReadOnlyDictionary<string, AgentWorkload>> WorkloadsAsync(TenantId tenantId, IReadOnlyCollection<string> agentIds,
        CancellationToken cancellationToken = default);

    /// <summary>The tenants that have at least one queued ticket, for the safety sweep.</summary>
    Task<IReadOnlyList<TenantId>> TenantsWithQueuedTicketsAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A queued ticket and when it entered its current queue: opened, or the last transfer to a queue, escalation,
/// de-escalation or reopening, as the audit log records them.
/// </summary>
public sealed record QueuedTicket(Ticket Ticket, DateTimeOffset QueuedSince);

/// <summary>Tickets exactly at <paramref name="Level"/> whose every skill is in <paramref name="Skills"/>.</summary>
public sealed record QueueFilter(SupportLevel Level, IReadOnlyList<string> Skills);

/// <summary>An agent's load (see <see cref="AgentLoad"/>) and when they were last given a ticket.</summary>
public sealed record AgentWorkload(int Load, DateTimeOffset? LastAssignedAt)
{
    public static readonly AgentWorkload None = new(0, null);
}
