using System.Text.Json;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace Atendimento.Bot.Conversations;

/// <summary>The state is one jsonb document per conversation, versioned by <see cref="ConversationState.Version"/>.</summary>
public sealed class PostgresConversationStore(NpgsqlDataSource dataSource, TimeProvider clock) : IConversationStore
{
    public async Task<ConversationState?> GetAsync(TenantId tenantId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT state, version FROM conversations WHERE tenant_id = $1 AND id = $2")
            .With(tenantId.Value, conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var state = JsonSerializer.Deserialize<ConversationState>(reader.GetString(0), ConversationJson.Options)!;
        return state with { Version = reader.GetInt32(1) };
    }

    public async Task<ConversationState?> SaveAsync(ConversationState state, CancellationToken cancellationToken = default)
    {
        var saved = state with { Version = state.Version + 1 };
        var json = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(saved, ConversationJson.Options) };
        await using var command = state.Version == 0
            ? dataSource.CreateCommand("""
                INSERT INTO conversations (tenant_id, id, channel, state, version, updated_at, inactivity_due_at) VALUES ($1, $2, $3, $4, 1, $5, $6)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """)
            : dataSource.CreateCommand("""
                UPDATE conversations SET state = $4, version = version + 1, updated_at = $5, inactivity_due_at = $6
                WHERE tenant_id = $1 AND id = $2 AND channel = $3 AND version = $7
                """);
        command.With(state.TenantId.Value, state.Id, state.Channel);
        command.Parameters.Add(json);
        command.With(clock.GetUtcNow());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)state.InactivityDueAt ?? DBNull.Value });
        if (state.Version != 0)
        {
            command.With(state.Version);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? saved : null;
    }

    public async Task<IReadOnlyList<ConversationKey>> DueForInactivityAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT tenant_id, id FROM conversations
            WHERE inactivity_due_at <= $1 ORDER BY inactivity_due_at LIMIT $2
            """).With(now, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<ConversationKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new ConversationKey(new TenantId(reader.GetString(0)), reader.GetString(1)));
        }
        return due;
    }
}
