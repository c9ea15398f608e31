using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Atendimento.Routing.Desk.Identity;

public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>The password of the development accounts; set only in appsettings.Development.json.</summary>
    public string? DevelopmentPassword { get; set; }

    /// <summary>
    /// Sets apart this deployment's sign-in counts in a Redis that other deployments (staging, another customer)
    /// also use; every instance of one deployment must have the same value.
    /// </summary>
    public string SignInThrottleNamespace { get; set; } = "default";
}

/// <summary>
/// Desk accounts for a newcomer (docs/agents.md lists them): the three development agents, a supervisor and an
/// admin, all with <see cref="DeskOptions.DevelopmentPassword"/>. Only when development agents are seeded.
/// </summary>
internal sealed class DevelopmentDeskUserSeeder(IDeskUserStore users, IOptions<RoutingOptions> routing, IOptions<DeskOptions> desk) : IHostedService
{
    public static IReadOnlyList<(string UserName, string DisplayName, DeskRole Role, string? AgentId)> Accounts { get; } =
    [
        .. DevelopmentAgentSeeder.Agents.Select(a => (a.Agent.Id, a.Agent.Name, DeskRole.Agent, (string?)a.Agent.Id)),
        ("sofia", "Sofia Ramos", DeskRole.Supervisor, null),
        ("admin", "Administrador", DeskRole.Admin, null),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!routing.Value.SeedDevelopmentAgents || desk.Value.DevelopmentPassword is not { Length: > 0 } password)
        {
            return;
        }
        foreach (var (userName, displayName, role, agentId) in Accounts)
        {
            var user = new DeskUser(TenantId.Default, userName, displayName, role, agentId, string.Empty);
            await users.UpsertAsync(user with { PasswordHash = DeskSignIn.HashPassword(user, password) }, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
