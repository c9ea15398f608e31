using System.Data.Common;
using Atendimento.Bot.Conversations;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed partial class PostgresWhatsAppOutbox(NpgsqlDataSource dataSource) : IWhatsAppOutbox
{
    private const string Columns =
        "tenant_id, id, phone_number_id, conversation_id, payload, state, wamid, error_code, updated_at, attempts, dead_letter, ticket_id, ticket_sequence";

    /// <summary>The queued rows that are the oldest of their conversation: only they may be sent.</summary>
    private const string IsHead = """
        NOT EXISTS (SELECT 1 FROM whatsapp_outbox older
                    WHERE older.tenant_id = o.tenant_id AND older.conversation_id = o.conversation_id
                      AND older.state = 0 AND older.seq < o.seq)
        """;

    public async Task<OutboundMessage> AddAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        await using (var insert = dataSource.CreateCommand($"""
            INSERT INTO whatsapp_outbox ({Columns}, next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $9)
            ON CONFLICT (tenant_id, id) DO NOTHING
            RETURNING {Columns}
            """).With(message.TenantId.Value, message.Id, message.PhoneNumberId, message.ConversationId, message.Payload,
                (int)message.State, message.Wamid, message.ErrorCode, message.UpdatedAt, message.Attempts, message.DeadLetter,
                message.Ticket?.TicketId, message.Ticket?.Sequence))
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return Read(reader);
            }
        }
        // Stored before (a resent outbox): the first copy, with whatever state it reached, is the answer.
        return await GetAsync(message.TenantId, message.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Outbound message {message.Id} vanished after it was stored.");
    }

    public Task<OutboundMessage?> GetAsync(TenantId tenantId, string id, CancellationToken cancellationToken = default) =>
        ReadOneAsync($"SELECT {Columns} FROM whatsapp_outbox WHERE tenant_id = $1 AND id = $2", cancellationToken, tenantId.Value, id);

    public Task<OutboundMessage?> FindByWamidAsync(TenantId tenantId, string wamid, CancellationToken cancellationToken = default) =>
        ReadOneAsync($"SELECT {Columns} FROM whatsapp_outbox WHERE tenant_id = $1 AND wamid = $2 LIMIT 1", cancellationToken, tenantId.Value, wamid);

    public async Task<bool> TryClaimAsync(TenantId tenantId, string id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE whatsapp_outbox o SET leased_until = $4
            WHERE o.tenant_id = $1 AND o.id = $2 AND o.state = 0 AND (o.leased_until IS NULL OR o.leased_until < $3) AND {IsHead}
            """).With(tenantId.Value, id, now, leaseUntil);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<OutboundMessage>> ClaimDueAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        // The lease is checked again on the row being updated: of two instances claiming at once, one wins.
        await using var command = dataSource.CreateCommand($"""
            WITH due AS (
                SELECT o.tenant_id, o.id FROM whatsapp_outbox o
                WHERE o.state = 0 AND o.next_attempt_at <= $1 AND (o.leased_until IS NULL OR o.leased_until < $1) AND {IsHead}
                ORDER BY o.next_attempt_at LIMIT $3)
            UPDATE whatsapp_outbox o SET leased_until = $2
            FROM due WHERE o.tenant_id = due.tenant_id AND o.id = due.id
              AND o.state = 0 AND (o.leased_until IS NULL OR o.leased_until < $1)
            RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "o." + c))}
            """).With(now, leaseUntil, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<OutboundMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(Read(reader));
        }
        return claimed;
    }

    public Task MarkSentAsync(TenantId tenantId, string id, string? wamid, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE whatsapp_outbox SET state = 1, wamid = $3, updated_at = $4, leased_until = NULL
            WHERE tenant_id = $1 AND id = $2 AND state = 0
            """, cancellationToken, tenantId.Value, id, wamid, at);

    public Task RescheduleAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset nextAttemptAt, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE whatsapp_outbox SET attempts = attempts + 1, error_code = $3, next_attempt_at = $4, updated_at = $5, leased_until = NULL
            WHERE tenant_id = $1 AND id = $2 AND state = 0
            """, cancellationToken, tenantId.Value, id, errorCode, nextAttemptAt, at);

    public Task MarkFailedAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE whatsapp_outbox SET state = 4, error_code = $3, updated_at = $4, dead_letter = true, leased_until = NULL
            WHERE tenant_id = $1 AND id = $2 AND state = 0
            """, cancellationToken, tenantId.Value, id, errorCode, at);

    public async Task<StatusOutcome> ApplyStatusAsync(TenantId tenantId, string wamid, DeliveryState state, int? errorCode, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // The allowed moves of DeliveryStates.CanMove, as SQL: forward only; failed only from queued or sent.
        await using var command = dataSource.CreateCommand("""
            UPDATE whatsapp_outbox SET state = $3, error_code = COALESCE($4, error_code), updated_at = $5
            WHERE tenant_id = $1 AND wamid = $2 AND state NOT IN (3, 4)
              AND (CASE WHEN $3 = 4 THEN state IN (0, 1) ELSE $3 > state END)
            """).With(tenantId.Value, wamid, (int)state, errorCode, at);
        if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            return StatusOutcome.Applied;
        }
        await using var exists = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM whatsapp_outbox WHERE tenant_id = $1 AND wamid = $2)").With(tenantId.Value, wamid);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? StatusOutcome.Unchanged : StatusOutcome.UnknownMessage;
    }

    private async Task<OutboundMessage?> ReadOneAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql).With(values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql).With(values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static OutboundMessage Read(DbDataReader reader) => new(
        new TenantId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        (DeliveryState)reader.GetInt32(5), reader.GetNullableString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetTimestamp(8),
        reader.GetInt32(9), reader.GetBoolean(10),
        reader.IsDBNull(11) ? null : new TicketMessageLink(reader.GetInt64(11), reader.GetInt64(12)));
}
