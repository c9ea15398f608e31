using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Tickets;
using Npgsql;

namespace Atendimento.Routing.Delivery;

public sealed class PostgresTicketMessageDeliveries(NpgsqlDataSource dataSource) : ITicketMessageDeliveries
{
    public async Task<bool> RecordAsync(TenantId tenantId, MessageDelivery delivery, bool restart = false, CancellationToken cancellationToken = default)
    {
        // MessageDelivery.CanMove as SQL: forward only, failed only from queued or sent, unless restarted.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ticket_message_deliveries (tenant_id, ticket_id, sequence, state, error_code, error_title, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant_id, ticket_id, sequence) DO UPDATE
              SET state = EXCLUDED.state, error_code = EXCLUDED.error_code, error_title = EXCLUDED.error_title, updated_at = EXCLUDED.updated_at
              WHERE $8 OR (ticket_message_deliveries.state NOT IN (3, 4)
                AND CASE WHEN EXCLUDED.state = 4 THEN ticket_message_deliveries.state IN (0, 1)
                         ELSE EXCLUDED.state > ticket_message_deliveries.state END)
            """).With(tenantId.Value, delivery.TicketId.Value, delivery.Sequence, (int)delivery.State, delivery.ErrorCode,
                delivery.ErrorTitle, delivery.UpdatedAt, restart);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyDictionary<long, MessageDelivery>> ForTicketAsync(TenantId tenantId, TicketId ticketId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sequence, state, error_code, error_title, updated_at FROM ticket_message_deliveries
            WHERE tenant_id = $1 AND ticket_id = $2
            """).With(tenantId.Value, ticketId.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new Dictionary<long, MessageDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            found[sequence] = new MessageDelivery(ticketId, sequence, (MessageDeliveryState)reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetNullableString(3), reader.GetTimestamp(4));
        }
        return found;
    }
}
