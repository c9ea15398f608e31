using Atendimento.Platform.Tenancy;

namespace Atendimento.Routing.Agents;

/// <summary>Agents and their API keys. Keys are stored only as SHA-256 hashes.</summary>
public interface IAgentDirectory
{
    Task<Agent?> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's agents, by id.</summary>
    Task<IReadOnlyList<Agent>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default);

    Task<Agent?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates the agent and adds <paramref name="apiKey"/> to its keys when given.</summary>
    Task UpsertAsync(Agent agent, string? apiKey, CancellationToken cancellationToken = default);
}
