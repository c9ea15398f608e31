using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Npgsql;
using NpgsqlTypes;

namespace Atendimento.Routing.Desk.Feed;

/// <summary>
/// The feed in PostgreSQL. A reader asks for its tenant's ids above the last it saw, which is only safe if a smaller
/// id can never commit after a larger one: so appends of one tenant take a transaction-scoped advisory lock before
/// drawing their id, and ids of a tenant are in commit order.
/// </summary>
public sealed class PostgresDeskEventLog(NpgsqlDataSource dataSource) : IDeskEventLog
{
    public async Task<long> AppendAsync(TenantId tenantId, string kind, long? ticketId, string payload, string? dedupeKey, DateTimeOffset at,
        DeskAudience? audience = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTenant = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('desk_events:' || $1))", connection, transaction).With(tenantId.Value))
        {
            await lockTenant.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand("""
            WITH inserted AS (
                INSERT INTO desk_events (tenant_id, kind, ticket_id, payload, dedupe_key, at, level, queue, assignee_id, previous_assignee_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
                RETURNING id)
            SELECT id FROM inserted
            UNION ALL
            SELECT id FROM desk_events WHERE tenant_id = $1 AND dedupe_key = $5
            LIMIT 1
            """, connection, transaction).With(tenantId.Value, kind, ticketId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = payload });
        command.With(dedupeKey, at, (short?)audience?.Level, audience?.Queue, audience?.AssigneeId, audience?.PreviousAssigneeId);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<DeskEvent>> ReadAfterAsync(TenantId tenantId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, kind, ticket_id, payload::text, at, level, queue, assignee_id, previous_assignee_id FROM desk_events WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3
            """).With(tenantId.Value, afterId, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<DeskEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new DeskEvent(reader.GetInt64(0), tenantId, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3), reader.GetTimestamp(4), ReadAudience(reader)));
        }
        return events;
    }

    public async Task<long> LastIdAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM desk_events WHERE tenant_id = $1").With(tenantId.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static DeskAudience? ReadAudience(NpgsqlDataReader reader) => reader.IsDBNull(5) && reader.IsDBNull(8)
        ? null
        : new DeskAudience(reader.IsDBNull(5) ? null : (SupportLevel)reader.GetInt16(5), reader.GetNullableString(6), reader.GetNullableString(7), reader.GetNullableString(8));
}
