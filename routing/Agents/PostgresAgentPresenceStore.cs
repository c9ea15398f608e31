using System.Data.Common;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Routing.Agents;

public sealed class PostgresAgentPresenceStore(NpgsqlDataSource dataSource) : IAgentPresenceStore
{
    public async Task<AgentPresenceState> GetAsync(TenantId tenantId, string agentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, agent_id, presence, since FROM agent_presence WHERE tenant_id = $1 AND agent_id = $2")
            .With(tenantId.Value, agentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : AgentPresenceState.Never(tenantId, agentId);
    }

    public async Task<AgentPresenceState> SetAsync(TenantId tenantId, string agentId, AgentPresence presence, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // The row lock of the upsert orders concurrent calls; the CTE reads the row as it was before this statement.
        await using var command = dataSource.CreateCommand("""
            WITH previous AS (SELECT presence, since FROM agent_presence WHERE tenant_id = $1 AND agent_id = $2 FOR UPDATE),
            upsert AS (
                INSERT INTO agent_presence (tenant_id, agent_id, presence, since) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id, agent_id) DO UPDATE
                    SET presence = excluded.presence,
                        since = CASE WHEN agent_presence.presence = excluded.presence THEN agent_presence.since ELSE excluded.since END)
            SELECT $1, $2, presence, since FROM previous
            """).With(tenantId.Value, agentId, presence.ToString(), at);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : AgentPresenceState.Never(tenantId, agentId);
    }

    public async Task<IReadOnlyList<AgentPresenceState>> ListAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, agent_id, presence, since FROM agent_presence WHERE tenant_id = $1 ORDER BY agent_id")
            .With(tenantId.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<AgentPresenceState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(Read(reader));
        }
        return states;
    }

    private static AgentPresenceState Read(DbDataReader reader) => new(
        new TenantId(reader.GetString(0)), reader.GetString(1), Enum.Parse<AgentPresence>(reader.GetString(2)), reader.GetTimestamp(3));
}
