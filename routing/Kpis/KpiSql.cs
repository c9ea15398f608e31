using System.Globalization;
using Atendimento.Platform.Postgres;
using Atendimento.Platform.Tenancy;
using Npgsql;

namespace Atendimento.Routing.Kpis;

/// <summary>
/// The KPI statements of one query. Parameters: $1 tenant, $2 period start, $3 period end (exclusive), $4 the end
/// of what SLA can have decided (the earlier of the period's end and now), then the filters that were given.
/// Only given filters become conditions, so each statement is a plain range on an index of migration 0017 or 0020.
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
    /// Each SLA target counts in the bucket where it was decided. A ticket's own verdict comes first: met at the answer
    /// (or resolution), breached at the deadline; it also covers a target met while its clock was paused, when the
    /// ticket has no deadline. Without a verdict yet, a deadline that passed is a breach at that moment. Cancelled and
    /// merged tickets that never met it are left out. <see cref="Decided"/> and <see cref="Counted"/> are the exact
    /// expressions of migration 0020's indexes.
    /// </summary>
    public string Sla() => $"""
        WITH sla_outcomes AS (
            SELECT 'FirstResponse' AS target, t.priority, t.level, t.status,
                   {Decided("first_response_breached", "first_response_at", "first_response_due_at")} AS decided_at,
                   {Met("first_response_breached", "first_response_at", "first_response_due_at")} AS met
            FROM tickets t
            WHERE t.tenant_id = $1 AND {Counted("first_response_breached", "first_response_due_at")}{_filters}
              AND {Decided("first_response_breached", "first_response_at", "first_response_due_at")} >= $2
              AND {Decided("first_response_breached", "first_response_at", "first_response_due_at")} < $4
            UNION ALL
            SELECT 'Resolution', t.priority, t.level, t.status,
                   {Decided("resolution_breached", "resolved_at", "resolution_due_at")},
                   {Met("resolution_breached", "resolved_at", "resolution_due_at")}
            FROM tickets t
            WHERE t.tenant_id = $1 AND {Counted("resolution_breached", "resolution_due_at")}{_filters}
              AND {Decided("resolution_breached", "resolved_at", "resolution_due_at")} >= $2
              AND {Decided("resolution_breached", "resolved_at", "resolution_due_at")} < $4)
        SELECT {Bucket("decided_at")}, target, priority, level, count(*) FILTER (WHERE met), count(*) FILTER (WHERE NOT met)
        FROM sla_outcomes
        WHERE met OR status NOT IN ('Cancelled', 'Merged')
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>When the target was decided: the verdict's moment, else the earlier of the answer and the deadline.</summary>
    private static string Decided(string breached, string done, string due) =>
        $"(CASE WHEN t.{breached} IS NULL THEN LEAST(COALESCE(t.{done}, 'infinity'::timestamptz), t.{due}) " +
        $"WHEN t.{breached} THEN COALESCE(t.{due}, t.{done}) ELSE t.{done} END)";

    private static string Met(string breached, string done, string due) =>
        $"(CASE WHEN t.{breached} IS NULL THEN coalesce(t.{done} <= t.{due}, false) ELSE NOT t.{breached} END)";

    /// <summary>Tickets with a verdict or a deadline: the rest have no SLA target, or a clock paused short of it.</summary>
    private static string Counted(string breached, string due) => $"(t.{breached} IS NOT NULL OR t.{due} IS NOT NULL)";

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
