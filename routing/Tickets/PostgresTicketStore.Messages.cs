using System.Data.Common;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Routing.Tickets;

/// <summary>The message log: dense sequences per ticket, one line per channel message id.</summary>
public sealed partial class PostgresTicketStore
{
    private const string MessageColumns = "sequence, author, author_id, text, at, internal";

    public async Task<TicketMessage> AppendMessageAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default) =>
        (await AppendAsync(tenantId, id, message, whileActive: false, cancellationToken))!;

    public Task<TicketMessage?> AppendWhileActiveAsync(TenantId tenantId, TicketId id, NewTicketMessage message, CancellationToken cancellationToken = default) =>
        AppendAsync(tenantId, id, message, whileActive: true, cancellationToken);

    private async Task<TicketMessage?> AppendAsync(TenantId tenantId, TicketId id, NewTicketMessage message, bool whileActive, CancellationToken cancellationToken)
    {
        // The row lock on the ticket serialises appenders (sequences stay dense and ordered) and holds off a
        // concurrent resolve until the status check and the append are done.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        TicketStatus status;
        await using (var lockTicket = new NpgsqlCommand("SELECT status FROM tickets WHERE tenant_id = $1 AND id = $2 FOR UPDATE", connection, transaction)
            .With(tenantId.Value, id.Value))
        {
            status = await lockTicket.ExecuteScalarAsync(cancellationToken) is string text
                ? Enum.Parse<TicketStatus>(text)
                : throw new KeyNotFoundException($"Ticket {id} does not exist for tenant {tenantId}.");
        }
        if (message.ExternalId is not null && await FindByExternalIdAsync(connection, transaction, tenantId, id, message.ExternalId, cancellationToken) is { } existing)
        {
            await transaction.RollbackAsync(cancellationToken);
            return existing;
        }
        if (whileActive && !TicketLifecycle.IsActive(status))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        await using var next = new NpgsqlCommand(
            "SELECT coalesce(max(sequence), 0) + 1 FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = $2", connection, transaction)
            .With(tenantId.Value, id.Value);
        var sequence = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        var stored = await InsertMessageAsync(connection, transaction, tenantId, id, sequence, message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        await using var scope = await TenantScope.BeginAsync(dataSource, tenantId, cancellationToken: cancellationToken);
        await using var command = scope.Command($"""
            SELECT {MessageColumns} FROM ticket_messages
            WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY sequence
            """).With(tenantId.Value, id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<TicketMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(ReadMessage(id, reader));
        }
        return messages;
    }

    private static async Task<TicketMessage> InsertMessageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenantId,
        TicketId id, long sequence, NewTicketMessage message, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO ticket_messages (tenant_id, ticket_id, sequence, author, author_id, text, at, external_id, internal)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, transaction)
            .With(tenantId.Value, id.Value, sequence, message.Author.ToString(), message.AuthorId, message.Text, message.At, message.ExternalId, message.Internal);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new TicketMessage(id, sequence, message.Author, message.AuthorId, message.Text, message.At, message.Internal);
    }

    private static async Task<TicketMessage?> FindByExternalIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenantId,
        TicketId id, string externalId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {MessageColumns} FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = $2 AND external_id = $3",
            connection, transaction).With(tenantId.Value, id.Value, externalId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMessage(id, reader) : null;
    }

    private static TicketMessage ReadMessage(TicketId id, DbDataReader reader) =>
        new(id, reader.GetInt64(0), Enum.Parse<MessageAuthor>(reader.GetString(1)), reader.GetNullableString(2), reader.GetString(3),
            reader.GetTimestamp(4), reader.GetBoolean(5));
}
