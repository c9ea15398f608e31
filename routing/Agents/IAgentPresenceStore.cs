using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Agents;

/// <summary>
/// Agents' presence. The in-memory and the PostgreSQL implementations run the same contract
/// (tests/Atendimento.Routing.Tests/Agents/AgentPresenceStoreContract.cs).
/// </summary>
public interface IAgentPresenceStore
{
    /// <summary>The agent's presence; <see cref="AgentPresenceState.Never"/> when it was never set.</summary>
    Task<AgentPresenceState> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the presence and returns the one it replaced. Setting the presence the agent already has keeps the
    /// earlier <see cref="AgentPresenceState.Since"/>, so "online since" is not reset by a repeated call.
    /// </summary>
    Task<AgentPresenceState> SetAsync(TenantId tenantId, string agentId, AgentPresence presence, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every agent of the tenant whose presence was ever set.</summary>
    Task<IReadOnlyList<AgentPresenceState>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default);
}
