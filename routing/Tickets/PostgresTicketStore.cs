using System.Text;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Assignment;
using Atendimento.Routing.Sla;
using Npgsql;
using NpgsqlTypes;
using static Atendimento.Routing.Tickets.PostgresTicketRows;

namespace Atendimento.Routing.Tickets;

/// <summary>Tickets in PostgreSQL; the message log and the audit log are in the other parts of this class.</summary>
public sealed partial class PostgresTicketStore(NpgsqlDataSource dataSource) : ITicketStore, IAssignmentStore, IActiveTicketScan
{
    /// <summary>
    /// A system job's read across tenants (no tenant scope), in primary-key order with tenants compared bytewise, as
    /// <see cref="SlaTicketKey.IsAfter"/> does.
    /// </summary>
    public async Task<IReadOnlyList<Ticket>> ActiveAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM tickets
            WHERE status = ANY($1) AND (tenant_id COLLATE "C", id) > ($2 COLLATE "C", $3)
            ORDER BY tenant_id COLLATE "C", id LIMIT $4
            """).With(TicketLifecycle.ActiveStatuses.Select(status => status.ToString()).ToArray(), after.TenantId.Value, after.TicketId, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(Read(reader));
        }
        return tickets;
    }

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

    /// <summary>Read under the tenant's row-level security scope: every API call on a ticket passes through here first.</summary>
    public async Task<Ticket?> GetAsync(TenantId tenantId, TicketId id, CancellationToken cancellationToken = default)
    {
        await using var scope = await TenantScope.BeginAsync(dataSource, tenantId, cancellationToken: cancellationToken);
        await using var command = scope.Command($"SELECT {Columns} FROM tickets WHERE tenant_id = $1 AND id = $2")
            .With(tenantId.Value, id.Value);
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>Read under the tenant's row-level security scope, like every read the agent API and the desk make.</summary>
    public async Task<TicketPage> ListAsync(TenantId tenantId, TicketQuery query, CancellationToken cancellationToken = default)
    {
        await using var scope = await TenantScope.BeginAsync(dataSource, tenantId, cancellationToken: cancellationToken);
        var (sql, values) = ListStatement(tenantId, query);
        await using var command = scope.Command(sql).With(values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return TicketPage.From(rows, query.Limit);
    }

    /// <summary>The list statement on its own connection, for the tests that read its plan.</summary>
    internal static NpgsqlCommand ListCommand(NpgsqlDataSource dataSource, TenantId tenantId, TicketQuery query)
    {
        var (sql, values) = ListStatement(tenantId, query);
        return dataSource.CreateCommand(sql).With(values);
    }

    /// <summary>Only the filters given become conditions, so the planner sees a plain predicate it can match to an index.</summary>
    private static (string Sql, object?[] Values) ListStatement(TenantId tenantId, TicketQuery query)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM tickets WHERE tenant_id = $1");
        var values = new List<object?> { tenantId.Value };
        void Filter(string column, object? value)
        {
            if (value is null)
            {
                return;
            }
            values.Add(value);
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND {column} ${values.Count}");
        }
        Filter("status =", query.Status?.ToString());
        Filter("level =", query.Level is { } level ? (short)level : null);
        Filter("queue =", query.Queue);
        Filter("assignee_id =", query.AssigneeId);
        Filter("id <", query.BeforeId);
        values.Add(query.Limit + 1);
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY id DESC LIMIT ${values.Count}");
        return (sql.ToString(), [.. values]);
    }

    public async Task<SaveOutcome> SaveAsync(IReadOnlyList<TicketUpdate> updates, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await ClaimsHoldAsync(connection, transaction, updates, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return SaveOutcome.AgentAtCapacity;
            }
            foreach (var (ticket, audit, _) in updates)
            {
                await using var update = Update(ticket, connection, transaction);
                if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return SaveOutcome.Stale;
                }
                await InsertAuditAsync(connection, transaction, ticket, audit, cancellationToken);
            }
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ActiveIndex })
        {
            await transaction.RollbackAsync(cancellationToken);
            return SaveOutcome.ConversationHasActiveTicket;
        }
        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }

    private static async Task<Ticket?> TryInsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewTicket ticket, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO tickets (tenant_id, status, level, queue, skills, conversation_ref, channel, customer_name,
                                 reason_code, handoff, opened_at, priority, customer_ref, first_response_due_at, resolution_due_at,
                                 first_response_target, first_response_consumed, first_response_running_since, first_response_stopped_at,
                                 first_response_held_since, resolution_target, resolution_consumed, resolution_running_since,
                                 resolution_stopped_at, resolution_held_since)
            VALUES ($1, 'Open', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
            ON CONFLICT (tenant_id, conversation_ref) WHERE {ActivePredicate} DO NOTHING
            RETURNING {Columns}
            """, connection, transaction);
        command.With(ticket.TenantId.Value, (short)ticket.Level, ticket.Queue, ticket.Skills.ToArray(), ticket.ConversationRef,
            ticket.Channel, ticket.CustomerName, ticket.ReasonCode);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = ticket.Handoff.GetRawText() });
        command.With(ticket.OpenedAt, (short)ticket.Priority, ticket.CustomerRef ?? ticket.ConversationRef, ticket.FirstResponseDueAt, ticket.ResolutionDueAt)
            .With(ClockValues(ticket.FirstResponseClock)).With(ClockValues(ticket.ResolutionClock));
        return await ReadSingleAsync(command, cancellationToken);
    }

    private static async Task<Ticket?> FindActiveAsync(NpgsqlConnection connection, TenantId tenantId, string conversationRef, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM tickets WHERE tenant_id = $1 AND conversation_ref = $2 AND {ActivePredicate}", connection)
            .With(tenantId.Value, conversationRef);
        return await ReadSingleAsync(command, cancellationToken);
    }
}
