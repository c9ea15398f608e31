using System.Data.Common;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Npgsql;

namespace Atendimento.Routing.Agents;

public sealed class PostgresAgentDirectory(NpgsqlDataSource dataSource) : IAgentDirectory
{
    public async Task<Agent?> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, id, name, level, skills, capacity FROM agents WHERE tenant_id = $1 AND id = $2")
            .With(tenantId.Value, agentId);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Agent>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, id, name, level, skills, capacity FROM agents WHERE tenant_id = $1 ORDER BY id COLLATE \"C\"")
            .With(tenantId.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var agents = new List<Agent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            agents.Add(Read(reader));
        }
        return agents;
    }

    public async Task<Agent?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.tenant_id, a.id, a.name, a.level, a.skills, a.capacity
            FROM agent_api_keys k JOIN agents a ON a.tenant_id = k.tenant_id AND a.id = k.agent_id
            WHERE k.key_hash = $1
            """).With(ApiKeyHash.Of(apiKey));
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task UpsertAsync(Agent agent, string? apiKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO agents (tenant_id, id, name, level, skills, capacity) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, id) DO UPDATE
                SET name = excluded.name, level = excluded.level, skills = excluded.skills, capacity = excluded.capacity
            """, connection, transaction)
            .With(agent.TenantId.Value, agent.Id, agent.Name, (short)agent.Level, agent.Skills.ToArray(), agent.Capacity))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (apiKey is not null)
        {
            await using var key = new NpgsqlCommand("""
                INSERT INTO agent_api_keys (key_hash, tenant_id, agent_id) VALUES ($1, $2, $3)
                ON CONFLICT (key_hash) DO UPDATE SET tenant_id = excluded.tenant_id, agent_id = excluded.agent_id
                """, connection, transaction)
                .With(ApiKeyHash.Of(apiKey), agent.TenantId.Value, agent.Id);
            await key.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Agent?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Agent Read(DbDataReader reader) => new(
        new TenantId(reader.GetString(0)), reader.GetString(1), reader.GetString(2),
        (SupportLevel)reader.GetInt16(3), reader.GetFieldValue<string[]>(4), reader.GetInt32(5));
}
