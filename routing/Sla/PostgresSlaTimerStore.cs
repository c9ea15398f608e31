using System.Data.Common;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace Atendimento.Routing.Sla;

/// <summary>
/// Timers and events in PostgreSQL. Firing is one statement: it locks the due timers (skipping those another
/// instance holds), marks them fired and writes their events, so a moment fires once and its event is never lost.
/// </summary>
public sealed class PostgresSlaTimerStore(NpgsqlDataSource dataSource) : ISlaTimerStore
{
    public async Task ScheduleAsync(TenantId tenantId, long ticketId, SlaMoment moment, DateTimeOffset? dueAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sla_timers (tenant_id, ticket_id, moment, due_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, ticket_id, moment) DO UPDATE SET due_at = excluded.due_at WHERE sla_timers.fired_at IS NULL
            """).With(tenantId.Value, ticketId, moment.Name());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)dueAt ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SlaEvent>> FireDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH due AS (
                SELECT tenant_id, ticket_id, moment FROM sla_timers
                WHERE fired_at IS NULL AND due_at <= $1
                ORDER BY due_at LIMIT $2
                FOR UPDATE SKIP LOCKED),
            fired AS (
                UPDATE sla_timers AS timer SET fired_at = $1 FROM due
                WHERE timer.tenant_id = due.tenant_id AND timer.ticket_id = due.ticket_id AND timer.moment = due.moment
                RETURNING timer.tenant_id, timer.ticket_id, timer.moment, timer.due_at)
            INSERT INTO sla_events (tenant_id, ticket_id, moment, due_at, fired_at)
            SELECT tenant_id, ticket_id, moment, due_at, $1 FROM fired ORDER BY due_at
            RETURNING id, tenant_id, ticket_id, moment, due_at, fired_at
            """).With(now, limit);
        return await ReadEventsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<SlaTicketKey>> PendingAfterAsync(SlaTicketKey after, int limit, CancellationToken cancellationToken = default)
    {
        // COLLATE "C" orders tenants by their bytes, as the in-memory store and SlaTicketKey.IsAfter do.
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT tenant_id COLLATE "C", ticket_id FROM sla_timers
            WHERE fired_at IS NULL AND due_at IS NOT NULL AND (tenant_id COLLATE "C", ticket_id) > ($1 COLLATE "C", $2)
            ORDER BY 1, 2 LIMIT $3
            """).With(after.TenantId.Value, after.TicketId, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<SlaTicketKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new SlaTicketKey(new TenantId(reader.GetString(0)), reader.GetInt64(1)));
        }
        return keys;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT min(due_at) FROM sla_timers WHERE fired_at IS NULL AND due_at IS NOT NULL");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime due ? new DateTimeOffset(due, TimeSpan.Zero) : null;
    }

    public async Task<IReadOnlyList<SlaEvent>> LeaseUndeliveredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        // In SET, attempts is the value before this statement: the lease doubles with each earlier attempt.
        await using var command = dataSource.CreateCommand("""
            UPDATE sla_events
            SET attempts = attempts + 1,
                leased_until = $1 + LEAST($2 * power(2, attempts), $3) * interval '1 second'
            WHERE id IN (
                SELECT id FROM sla_events
                WHERE delivered_at IS NULL AND attempts < $4 AND (leased_until IS NULL OR leased_until <= $1)
                ORDER BY id LIMIT $5
                FOR UPDATE SKIP LOCKED)
            RETURNING id, tenant_id, ticket_id, moment, due_at, fired_at, attempts
            """).With(now, SlaDeliveryPolicy.FirstLease.TotalSeconds, SlaDeliveryPolicy.LongestLease.TotalSeconds, SlaDeliveryPolicy.MaxAttempts, limit);
        return [.. (await ReadEventsAsync(command, cancellationToken)).OrderBy(e => e.Id)];
    }

    public async Task MarkDeliveredAsync(long eventId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE sla_events SET delivered_at = $2 WHERE id = $1").With(eventId, at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<SlaEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<SlaEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }
        return events;
    }

    private static SlaEvent Read(DbDataReader reader) => new(
        reader.GetInt64(0), new TenantId(reader.GetString(1)), reader.GetInt64(2), SlaMoments.Parse(reader.GetString(3)), reader.GetTimestamp(4), reader.GetTimestamp(5),
        reader.FieldCount > 6 ? reader.GetInt32(6) : 0);
}
