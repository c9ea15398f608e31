using System.Globalization;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// The KPI statements of one query. Parameters: $1 tenant, $2 period start, $3 period end (exclusive), $4 the end
/// of what SLA can have decided (the earlier of the period's end and now), then the filters that were given.
/// Only given filters become conditions, so each statement is a plain range on an index of migration 0017.
/// </summary>
internal sealed class KpiSql
{
    private readonly List<object?> _values;
    private readonly string _filters;
    private readonly KpiQuery _query;

    public KpiSql(TenantId tenantId, KpiQuery query, DateTimeOffset now)
    {
        _query = query;
        _values = [tenantId.Value, query.From, query.To, query.To < now ? query.To : now];
        var filters = new List<string>();
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                _values.Add(value);
                filters.Add(string.Create(CultureInfo.InvariantCulture, $" AND t.{column} = ${_values.Count}"));
            }
        }
        Filter("level", query.Level is { } level ? (short)level : null);
        Filter("queue", query.Queue);
        Filter("channel", query.Channel);
        _filters = string.Concat(filters);
    }

    public NpgsqlCommand Bind(NpgsqlCommand command) => command.With([.. _values]);

    /// <summary>Opened to first agent answer, for tickets first answered in the period.</summary>
    public string FirstResponse() => Durations("t.first_response_at", "t.opened_at");

    /// <summary>Accepted (or, without an accept, assigned) to resolved, for tickets resolved in the period.</summary>
    public string HandleTime() => Durations("t.resolved_at", "coalesce(t.accepted_at, t.assigned_at)");

    /// <summary>Opened to resolved, for tickets resolved in the period (a reopen clears resolved_at, so it counts once resolved again).</summary>
    public string Resolution() => Durations("t.resolved_at", "t.opened_at");

    private string Durations(string end, string start) => $"""
        WITH measured AS (
            SELECT {Bucket(end)} AS bucket, extract(epoch FROM {end} - {start})::float8 AS seconds
            FROM tickets t
            WHERE t.tenant_id = $1 AND {end} >= $2 AND {end} < $3 AND {start} IS NOT NULL{_filters})
        SELECT bucket, count(*), avg(seconds), percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds)
        FROM measured GROUP BY bucket
        """;

    /// <summary>
    /// Each SLA target counts in the bucket where it was decided: met at the answer (or resolution) on time, breached
    /// at the deadline. Cancelled and merged tickets that never met it are left out. The outcome is derived from the
    /// timestamps; persisted breach flags would replace only the decided_at and met expressions of sla_outcomes
    /// (and the two indexes of migration 0017 that match decided_at).
    /// </summary>
    public string Sla() => $"""
        WITH sla_outcomes AS (
            SELECT 'FirstResponse' AS target, t.priority, t.level, t.status,
                   LEAST(COALESCE(t.first_response_at, 'infinity'::timestamptz), t.first_response_due_at) AS decided_at,
                   coalesce(t.first_response_at <= t.first_response_due_at, false) AS met
            FROM tickets t
            WHERE t.tenant_id = $1 AND t.first_response_due_at IS NOT NULL{_filters}
              AND LEAST(COALESCE(t.first_response_at, 'infinity'::timestamptz), t.first_response_due_at) >= $2
              AND LEAST(COALESCE(t.first_response_at, 'infinity'::timestamptz), t.first_response_due_at) < $4
            UNION ALL
            SELECT 'Resolution', t.priority, t.level, t.status,
                   LEAST(COALESCE(t.resolved_at, 'infinity'::timestamptz), t.resolution_due_at),
                   coalesce(t.resolved_at <= t.resolution_due_at, false)
            FROM tickets t
            WHERE t.tenant_id = $1 AND t.resolution_due_at IS NOT NULL{_filters}
              AND LEAST(COALESCE(t.resolved_at, 'infinity'::timestamptz), t.resolution_due_at) >= $2
              AND LEAST(COALESCE(t.resolved_at, 'infinity'::timestamptz), t.resolution_due_at) < $4)
        SELECT {Bucket("decided_at")}, target, priority, level, count(*) FILTER (WHERE met), count(*) FILTER (WHERE NOT met)
        FROM sla_outcomes
        WHERE met OR status NOT IN ('Cancelled', 'Merged')
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>Tickets opened in the period, and how many of them the audit log shows transferred or escalated at least once.</summary>
    public string Movement() => $"""
        SELECT {Bucket("t.opened_at")}, count(*),
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ticket_audit a WHERE a.tenant_id = t.tenant_id AND a.ticket_id = t.id
                                              AND a.action IN ('TransferToAgent', 'TransferToQueue'))),
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ticket_audit a WHERE a.tenant_id = t.tenant_id AND a.ticket_id = t.id
                                              AND a.action = 'Escalate'))
        FROM tickets t
        WHERE t.tenant_id = $1 AND t.opened_at >= $2 AND t.opened_at < $3{_filters}
        GROUP BY 1
        """;

    /// <summary>Active tickets now, whatever the period (its parameters are bound and typed, just not read).</summary>
    public string Backlog() => $"""
        SELECT t.status, t.level, t.queue, count(*)
        FROM tickets t
        WHERE t.tenant_id = $1 AND t.status IN ('Open', 'Assigned', 'InProgress', 'WaitingOnCustomer'){_filters}
        GROUP BY 1, 2, 3
        """;

    private string Bucket(string column) => _query.BucketSql(column);
}
