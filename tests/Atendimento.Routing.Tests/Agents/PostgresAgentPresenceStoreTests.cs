using Atendimento.Routing.Agents;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Agents;

/// <summary>The presence contract against real PostgreSQL; each test gets its own schema.</summary>
public sealed class PostgresAgentPresenceStoreTests : AgentPresenceStoreContract, IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IAgentPresenceStore> CreateStoreAsync()
    {
        // Presence rows reference their agent, as in production.
        var directory = new PostgresAgentDirectory(_database.Schema.DataSource);
        foreach (var agent in Agents())
        {
            await directory.UpsertAsync(agent, null);
        }
        return new PostgresAgentPresenceStore(_database.Schema.DataSource);
    }
}
