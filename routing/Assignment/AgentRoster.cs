using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;

namespace Atendimento.Routing.Assignment;

/// <summary>
/// The tenant's agents with presence, load and idle time: what <c>GET /api/v1/agents</c> shows and what the
/// dispatcher assigns from. Public so that the desk's cookie endpoints can call it too.
/// </summary>
public sealed class AgentRoster(IAgentDirectory agents, IAgentPresenceStore presence, IAssignmentStore workloads)
{
    /// <summary>Every agent of <paramref name="tenantId"/>, by id; an agent whose presence was never set is Offline.</summary>
    public async Task<IReadOnlyList<AgentStatus>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        var all = await agents.ListAsync(tenantId, cancellationToken);
        var states = (await presence.ListAsync(tenantId, cancellationToken)).ToDictionary(s => s.AgentId, StringComparer.Ordinal);
        var loads = await workloads.WorkloadsAsync(tenantId, all.Select(a => a.Id).ToList(), cancellationToken);
        return all.Select(agent => Status(agent, states.GetValueOrDefault(agent.Id), loads.GetValueOrDefault(agent.Id))).ToList();
    }

    /// <summary>One agent of <paramref name="tenantId"/>, or null when the tenant has no such agent.</summary>
    public async Task<AgentStatus?> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default)
    {
        if (await agents.GetAsync(tenantId, agentId, cancellationToken) is not { } agent)
        {
            return null;
        }
        var state = await presence.GetAsync(tenantId, agentId, cancellationToken);
        var loads = await workloads.WorkloadsAsync(tenantId, [agentId], cancellationToken);
        return Status(agent, state, loads.GetValueOrDefault(agentId));
    }

    private static AgentStatus Status(Agent agent, AgentPresenceState? state, AgentWorkload? workload) =>
        new(agent, state?.Presence ?? AgentPresence.Offline, state?.Since, (workload ?? AgentWorkload.None).Load, workload?.LastAssignedAt);
}
