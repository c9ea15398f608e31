using System.Data.Common;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Bot.Channels.WhatsApp;

public sealed class PostgresWhatsAppOutbox(NpgsqlDataSource dataSource) : IWhatsAppOutbox
{
    private const string Columns = "tenant_id, id, phone_number_id, conversation_id, payload, state, wamid, error_code, updated_at";

    public async Task<OutboundMessage> AddAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        await using (var insert = dataSource.CreateCommand($"""
            INSERT INTO whatsapp_outbox ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (tenant_id, id) DO NOTHING
            RETURNING {Columns}
            """).With(message.TenantId.Value, message.Id, message.PhoneNumberId, message.ConversationId, message.Payload,
                (int)message.State, message.Wamid, message.ErrorCode, message.UpdatedAt))
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

    public async Task<OutboundMessage?> GetAsync(TenantId tenantId, string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM whatsapp_outbox WHERE tenant_id = $1 AND id = $2")
            .With(tenantId.Value, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task MarkSentAsync(TenantId tenantId, string id, string wamid, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE whatsapp_outbox SET state = 1, wamid = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2 AND state = 0",
            cancellationToken, tenantId.Value, id, wamid, at);

    public Task MarkFailedAsync(TenantId tenantId, string id, int errorCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE whatsapp_outbox SET state = 4, error_code = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2 AND state = 0",
            cancellationToken, tenantId.Value, id, errorCode, at);

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

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql).With(values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static OutboundMessage Read(DbDataReader reader) => new(
        new TenantId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        (DeliveryState)reader.GetInt32(5), reader.GetNullableString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetTimestamp(8));
}
