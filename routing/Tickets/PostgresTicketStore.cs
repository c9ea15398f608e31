using System.Data.Common;
using System.Text.Json;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace Atendimento.Routing.Tickets;

public sealed class PostgresTicketStore(NpgsqlDataSource dataSource) : ITicketStore
{
    private const string Columns = """
        tenant_id, id, status, level, queue, skills, conversation_ref, channel, customer_name, reason_code,
        handoff, assignee_id, opened_at, accepted_at, first_response_at, resolved_at, closed_at, version
        """;

    public async Task<OpenResult> OpenAsync(NewTicket ticket, IReadOnlyList<NewTicketMessage> transcript, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await TryInsertAsync(connection, transaction, ticket, cancellationToken);
        if (created is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            var active = await FindActiveAsync(connection, ticket.TenantId, ticket.ConversationRef, cancellationToken)
                ?? throw new InvalidOperationException("An active ticket blocked the insert but could not be read.");
            return new OpenResult(active, Created: false);
        }
        for (var i = 0; i < transcript.Count; i++)
        {
            await InsertMessageAsync(connection, transaction, ticket.TenantId, created.Id, i + 1, transcript[i], cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new OpenResult(created, Created: true);
    }

    public async Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM tickets WHERE tenant_id = $1 AND id = $2")
            .With(tenantId.Value, id.Value);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Ticket>> ListAsync(TenantId tenantId, TicketStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM tickets
            WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY id DESC LIMIT $3
            """).With(tenantId.Value, status?.ToString(), limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(Read(reader));
        }
        return tickets;
    }

    public async Task<bool> SaveAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE tickets SET status = $3, assignee_id = $4, accepted_at = $5, first_response_at = $6,
                               resolved_at = $7, closed_at = $8, version = version + 1
            WHERE tenant_id = $1 AND id = $2 AND version = $9
            """).With(ticket.TenantId.Value, ticket.Id.Value, ticket.Status.ToString(), ticket.AssigneeId,
                      ticket.AcceptedAt, ticket.FirstResponseAt, ticket.ResolvedAt, ticket.ClosedAt, ticket.Version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

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
        await using var command = dataSource.CreateCommand("""
            SELECT sequence, author, author_id, text, at FROM ticket_messages
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

    private static async Task<Ticket?> TryInsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewTicket ticket, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO tickets (tenant_id, status, level, queue, skills, conversation_ref, channel, customer_name,
                                 reason_code, handoff, opened_at)
            VALUES ($1, 'Open', $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (tenant_id, conversation_ref) WHERE status IN ('Open', 'InProgress') DO NOTHING
            RETURNING {Columns}
            """, connection, transaction);
        command.With(ticket.TenantId.Value, (short)ticket.Level, ticket.Queue, ticket.Skills.ToArray(), ticket.ConversationRef,
            ticket.Channel, ticket.CustomerName, ticket.ReasonCode);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = ticket.Handoff.GetRawText() });
        command.With(ticket.OpenedAt);
        return await ReadSingleAsync(command, cancellationToken);
    }

    private static async Task<Ticket?> FindActiveAsync(NpgsqlConnection connection, TenantId tenantId, string conversationRef, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM tickets WHERE tenant_id = $1 AND conversation_ref = $2 AND status IN ('Open', 'InProgress')", connection)
            .With(tenantId.Value, conversationRef);
        return await ReadSingleAsync(command, cancellationToken);
    }

    private static async Task<TicketMessage> InsertMessageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenantId,
        TicketId id, long sequence, NewTicketMessage message, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO ticket_messages (tenant_id, ticket_id, sequence, author, author_id, text, at, external_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, connection, transaction)
            .With(tenantId.Value, id.Value, sequence, message.Author.ToString(), message.AuthorId, message.Text, message.At, message.ExternalId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new TicketMessage(id, sequence, message.Author, message.AuthorId, message.Text, message.At);
    }

    private static async Task<TicketMessage?> FindByExternalIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TenantId tenantId,
        TicketId id, string externalId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT sequence, author, author_id, text, at FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = $2 AND external_id = $3",
            connection, transaction).With(tenantId.Value, id.Value, externalId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMessage(id, reader) : null;
    }

    private static TicketMessage ReadMessage(TicketId id, DbDataReader reader) =>
        new(id, reader.GetInt64(0), Enum.Parse<MessageAuthor>(reader.GetString(1)), reader.GetNullableString(2), reader.GetString(3), reader.GetTimestamp(4));

    private static async Task<Ticket?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Ticket Read(DbDataReader reader) => new()
    {
        TenantId = new TenantId(reader.GetString(0)),
        Id = new TicketId(reader.GetInt64(1)),
        Status = Enum.Parse<TicketStatus>(reader.GetString(2)),
        Level = (SupportLevel)reader.GetInt16(3),
        Queue = reader.GetString(4),
        Skills = reader.GetFieldValue<string[]>(5),
        ConversationRef = reader.GetString(6),
        Channel = reader.GetString(7),
        CustomerName = reader.GetNullableString(8),
        ReasonCode = reader.GetString(9),
        Handoff = ParseJson(reader.GetString(10)),
        AssigneeId = reader.GetNullableString(11),
        OpenedAt = reader.GetTimestamp(12),
        AcceptedAt = reader.GetNullableTimestamp(13),
        FirstResponseAt = reader.GetNullableTimestamp(14),
        ResolvedAt = reader.GetNullableTimestamp(15),
        ClosedAt = reader.GetNullableTimestamp(16),
        Version = reader.GetInt32(17),
    };

    private static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
