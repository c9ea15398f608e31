using Atendimento.Platform.Postgres;
using Npgsql;

namespace Atendimento.Routing.Tickets;

/// <summary>Capacity claims: an agent's load counted under a lock that serialises every assignment to that agent.</summary>
public sealed partial class PostgresTicketStore
{
    /// <summary>
    /// Takes each claimed agent's transaction-scoped advisory lock (in a fixed order, so two savers never wait on
    /// each other in a cycle) before any ticket row is touched, then counts what the agent holds. The count runs
    /// after the lock is granted, so under READ COMMITTED it sees every assignment committed by the previous holder.
    /// </summary>
    private static async Task<bool> ClaimsHoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<TicketUpdate> updates, CancellationToken cancellationToken)
    {
        var claims = updates.Where(u => u.Claim is not null)
            .OrderBy(u => u.Claim!.AgentId, StringComparer.Ordinal)
            .ToList();
        foreach (var (ticket, _, claim) in claims)
        {
            await using (var lockAgent = new NpgsqlCommand(
                "SELECT pg_advisory_xact_lock(hashtextextended('agent-load:' || $1 || '/' || $2, 0))", connection, transaction)
                .With(ticket.TenantId.Value, claim!.AgentId))
            {
                await lockAgent.ExecuteNonQueryAsync(cancellationToken);
            }
            // A statement of its own: its snapshot is taken after the lock is granted, not before the wait.
            await using var count = new NpgsqlCommand($"""
                SELECT count(*) FROM tickets
                WHERE tenant_id = $1 AND assignee_id = $2 AND id <> $3 AND status IN ({HeldStatuses})
                """, connection, transaction).With(ticket.TenantId.Value, claim.AgentId, ticket.Id.Value);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= claim.Capacity)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The statuses in which a ticket counts towards its assignee's load.</summary>
    internal const string HeldStatuses = "'Assigned', 'InProgress', 'WaitingOnCustomer'";
}
