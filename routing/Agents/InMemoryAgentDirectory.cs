using System.Collections.Concurrent;
using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Agents;

public sealed class InMemoryAgentDirectory : IAgentDirectory
{
    private readonly ConcurrentDictionary<(TenantId, string), Agent> _agents = new();
    private readonly ConcurrentDictionary<string, (TenantId, string)> _keys = new(StringComparer.Ordinal);

    public Task<Agent?> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_agents.GetValueOrDefault((tenantId, agentId)));

    public Task<IReadOnlyList<Agent>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Agent>>(_agents.Values.Where(a => a.TenantId == tenantId).OrderBy(a => a.Id, StringComparer.Ordinal).ToList());

    public Task<Agent?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_keys.TryGetValue(ApiKeyHash.Of(apiKey), out var owner) ? _agents.GetValueOrDefault(owner) : null);

    public Task UpsertAsync(Agent agent, string? apiKey, CancellationToken cancellationToken = default)
    {
        _agents[(agent.TenantId, agent.Id)] = agent;
        if (apiKey is not null)
        {
            _keys[ApiKeyHash.Of(apiKey)] = (agent.TenantId, agent.Id);
        }
        return Task.CompletedTask;
    }
}
