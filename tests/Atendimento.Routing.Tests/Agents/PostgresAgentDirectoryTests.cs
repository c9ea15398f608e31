using System.Security.Cryptography;
using System.Text;
using Atendimento.Routing.Agents;
using Atendimento.Testing;

namespace Atendimento.Routing.Tests.Agents;

/// <summary>The contract against real PostgreSQL, plus how keys are kept at rest. Each test gets its own schema.</summary>
public sealed class PostgresAgentDirectoryTests : AgentDirectoryContract, IAsyncLifetime
{
    private readonly SchemaPerTest _database = new(RoutingDatabase.CreateSchemaAsync);

    private PostgresSchema Schema => _database.Schema;

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    protected override Task<IAgentDirectory> CreateDirectoryAsync() =>
        Task.FromResult<IAgentDirectory>(new PostgresAgentDirectory(Schema.DataSource));

    [Fact]
    public async Task Api_keys_are_stored_as_their_sha256_hex_never_in_plain_text()
    {
        const string ApiKey = "dev-agent-ana-7f3c9b";
        var directory = await CreateDirectoryAsync();

        await directory.UpsertAsync(Ana, ApiKey);

        await using var command = Schema.DataSource.CreateCommand("SELECT key_hash, tenant_id, agent_id FROM agent_api_keys");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var stored = reader.GetString(0);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))), stored);
        Assert.Equal(64, stored.Length);
        Assert.DoesNotContain(ApiKey, stored, StringComparison.Ordinal);
        Assert.Equal(Acme.Value, reader.GetString(1));
        Assert.Equal("ana", reader.GetString(2));
        Assert.False(await reader.ReadAsync());
    }
}
