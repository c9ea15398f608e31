using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Routing.Tickets;

/// <summary>The audit log: written in the transaction that saves the ticket, read oldest first.</summary>
public sealed partial class PostgresTicketStore
{
    public async Task<IReadOnlyList<TicketAuditEntry>> GetAuditAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        await using var scope = await TenantScope.BeginAsync(dataSource, tenantId, cancellationToken: cancellationToken);
        await using var command = scope.Command("""
            SELECT id, action, actor_kind, actor_id, reason, from_value, to_value, status_from, status_to, at
            FROM ticket_audit WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY id
            """).With(tenantId.Value, id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var log = new List<TicketAuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = new NewAuditEntry(
                Enum.Parse<TicketAction>(reader.GetString(1)),
                new TicketActor(Enum.Parse<ActorKind>(reader.GetString(2)), reader.GetNullableString(3)),
                reader.GetNullableString(4), reader.GetNullableString(5), reader.GetNullableString(6),
                Enum.Parse<TicketStatus>(reader.GetString(7)), Enum.Parse<TicketStatus>(reader.GetString(8)), reader.GetTimestamp(9));
            log.Add(new TicketAuditEntry(id, reader.GetInt64(0), entry));
        }
        return log;
    }

    private static async Task InsertAuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Ticket ticket,
        IReadOnlyList<NewAuditEntry> audit, CancellationToken cancellationToken)
    {
        foreach (var entry in audit)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO ticket_audit (tenant_id, ticket_id, action, actor_kind, actor_id, reason, from_value, to_value, status_from, status_to, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """, connection, transaction).With(
                    ticket.TenantId.Value, ticket.Id.Value, entry.Action.ToString(), entry.Actor.Kind.ToString(), entry.Actor.Id,
                    entry.Reason, entry.From, entry.To, entry.StatusFrom.ToString(), entry.StatusTo.ToString(), entry.At);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
