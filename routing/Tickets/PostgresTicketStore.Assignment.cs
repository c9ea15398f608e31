using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Atendimento.Routing.Assignment;
using static Atendimento.Routing.Tickets.PostgresTicketRows;

namespace Atendimento.Routing.Tickets;

/// <summary>What the assignment engine reads: the queue in assignment order, agents' loads, tenants with a queue.</summary>
public sealed partial class PostgresTicketStore
{
    /// <summary>The same actions as <see cref="InMemoryTicketStore.QueueEntries"/>, as SQL.</summary>
    private const string QueueEntryActions = "'TransferToQueue', 'Escalate', 'Deescalate', 'Reopen'";

    public async Task<IReadOnlyList<QueuedTicket>> QueuedAsync(TenantId tenantId, int limit, QueueFilter? filter = null, int offset = 0,
        CancellationToken cancellationToken = default)
    {
        // The sort matches the partial index tickets_queued_in_assignment_order, so the planner reads it in order.
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns},
                   coalesce((SELECT max(a.at) FROM ticket_audit a
                             WHERE a.tenant_id = t.tenant_id AND a.ticket_id = t.id AND a.status_to = 'Open'
                               AND a.action IN ({QueueEntryActions})), t.opened_at)
            FROM tickets t
            WHERE tenant_id = $1 AND status = 'Open'
              AND ($2::smallint IS NULL OR level = $2) AND ($3::text[] IS NULL OR skills <@ $3)
            ORDER BY priority DESC, first_response_due_at ASC NULLS LAST, opened_at, id
            LIMIT $4 OFFSET $5
            """).With(tenantId.Value, filter is null ? null : (short)filter.Level, filter?.Skills.ToArray(), limit, offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var queued = new List<QueuedTicket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            queued.Add(new QueuedTicket(Read(reader), reader.GetTimestamp(reader.FieldCount - 1)));
        }
        return queued;
    }

    public async Task<IReadOnlyDictionary<string, AgentWorkload>> WorkloadsAsync(TenantId tenantId, IReadOnlyCollection<string> agentIds,
        CancellationToken cancellationToken = default)
    {
        // Two index lookups per agent (tickets_held_by_agent, tickets_last_assignment_by_agent), however long the history.
        await using var command = dataSource.CreateCommand($"""
            SELECT agent.id,
                   (SELECT count(*) FROM tickets t WHERE t.tenant_id = $1 AND t.assignee_id = agent.id AND t.status IN ({HeldStatuses})),
                   (SELECT t.assigned_at FROM tickets t WHERE t.tenant_id = $1 AND t.assignee_id = agent.id AND t.assigned_at IS NOT NULL
                    ORDER BY t.assigned_at DESC LIMIT 1)
            FROM unnest($2::text[]) AS agent(id)
            """).With(tenantId.Value, agentIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var workloads = new Dictionary<string, AgentWorkload>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            workloads[reader.GetString(0)] = new AgentWorkload((int)reader.GetInt64(1), reader.GetNullableTimestamp(2));
        }
        return workloads;
    }

    public async Task<IReadOnlyList<TenantId>> TenantsWithQueuedTicketsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT tenant_id FROM tickets WHERE status = 'Open'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<TenantId>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(new TenantId(reader.GetString(0)));
        }
        return tenants;
    }
}
