using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Agents;

public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>Seeds the agents below with their documented development API keys. Never on in production.</summary>
    public bool SeedDevelopmentAgents { get; set; }
}

/// <summary>
/// The agents a newcomer can use straight away (docs/api.md lists their keys). The keys are public on purpose
/// and only ever seeded when <see cref="RoutingOptions.SeedDevelopmentAgents"/> is set.
/// </summary>
internal sealed class DevelopmentAgentSeeder(IAgentDirectory directory, IOptions<RoutingOptions> options) : IHostedService
{
    public static readonly IReadOnlyList<(Agent Agent, string ApiKey)> Agents =
    [
        (new Agent(TenantId.Default, "ana", "Ana Souza", SupportLevel.N1, ["financeiro", "geral"], 3), "dev-agent-ana"),
        (new Agent(TenantId.Default, "bruno", "Bruno Lima", SupportLevel.N2, ["internet", "cancelamento"], 3), "dev-agent-bruno"),
        (new Agent(TenantId.Default, "carla", "Carla Mendes", SupportLevel.N3, ["ouvidoria", "juridico"], 2), "dev-agent-carla"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDevelopmentAgents)
        {
            return;
        }
        foreach (var (agent, apiKey) in Agents)
        {
            await directory.UpsertAsync(agent, apiKey, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
