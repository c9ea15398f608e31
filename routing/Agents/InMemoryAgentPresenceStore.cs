using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Agents;

public sealed class InMemoryAgentPresenceStore : IAgentPresenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TenantId, string), AgentPresenceState> _states = [];

    public Task<AgentPresenceState> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_states.GetValueOrDefault((tenantId, agentId)) ?? AgentPresenceState.Never(tenantId, agentId));
        }
    }

    public Task<AgentPresenceState> SetAsync(TenantId tenantId, string agentId, AgentPresence presence, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var previous = _states.GetValueOrDefault((tenantId, agentId)) ?? AgentPresenceState.Never(tenantId, agentId);
            if (previous.Presence != presence || previous.Since is null)
            {
                _states[(tenantId, agentId)] = new AgentPresenceState(tenantId, agentId, presence, at);
            }
            return Task.FromResult(previous);
        }
    }

    public Task<IReadOnlyList<AgentPresenceState>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AgentPresenceState> states = _states.Values.Where(s => s.TenantId == tenantId).OrderBy(s => s.AgentId, StringComparer.Ordinal).ToList();
            return Task.FromResult(states);
        }
    }
}
