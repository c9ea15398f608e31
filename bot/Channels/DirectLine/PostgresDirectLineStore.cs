using System.Text.Json;
using Atendimento.Bot.Activities;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace Atendimento.Bot.Channels.DirectLine;

public sealed class PostgresDirectLineStore(NpgsqlDataSource dataSource) : IDirectLineStore
{
    public async Task CreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO directline_conversations (id, tenant_id, user_id, created_at, started) VALUES ($1, $2, $3, $4, $5)")
            .With(conversation.Id, conversation.TenantId.Value, conversation.UserId, conversation.CreatedAt, conversation.Started);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, id, user_id, created_at, started FROM directline_conversations WHERE id = $1").With(conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DirectLineConversation(new TenantId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetTimestamp(3), reader.GetBoolean(4))
            : null;
    }

    public async Task<bool> MarkStartedAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE directline_conversations SET started = true WHERE id = $1 AND NOT started").With(conversationId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<AppendResult> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        var key = DirectLineActivityIds.DeliveryKey(activity);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Taking the next number locks the conversation row, which also orders concurrent appenders.
        await using var next = new NpgsqlCommand(
            "UPDATE directline_conversations SET last_sequence = last_sequence + 1 WHERE id = $1 RETURNING last_sequence, tenant_id",
            connection, transaction).With(conversationId);
        long sequence;
        string tenant;
        await using (var reader = await next.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new KeyNotFoundException($"Conversation {conversationId} does not exist.");
            }
            (sequence, tenant) = (reader.GetInt64(0), reader.GetString(1));
        }
        if (key is not null && await FindByKeyAsync(connection, transaction, conversationId, key, cancellationToken) is { } first)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new AppendResult(first, Duplicate: true);
        }
        var stored = DirectLineActivityIds.Stamp(activity, conversationId, sequence);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO directline_activities (tenant_id, conversation_id, sequence, delivery_key, activity)
            VALUES ($1, $2, $3, $4, $5)
            """, connection, transaction).With(tenant, conversationId, sequence, key);
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(stored, ActivityJson.Options) });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AppendResult(stored, Duplicate: false);
    }

    public async Task<ActivityPage> ReadAfterAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sequence, activity FROM directline_activities
            WHERE conversation_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3
            """).With(conversationId, watermark, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var activities = new List<Activity>();
        var last = watermark;
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            activities.Add(JsonSerializer.Deserialize<Activity>(reader.GetString(1), ActivityJson.Options)!);
        }
        return new ActivityPage(activities, last);
    }

    private static async Task<Activity?> FindByKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string conversationId, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT activity FROM directline_activities WHERE conversation_id = $1 AND delivery_key = $2", connection, transaction)
            .With(conversationId, key);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options) : null;
    }
}
