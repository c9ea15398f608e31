-- KPIs: each period query reads the tickets whose moment (first response, resolution, opening, SLA decision)
-- falls in the period, so each moment has an index led by the tenant. The SLA indexes are on the exact
-- expression PostgresKpiStore uses for "when the target was decided" (met at the answer, or breached at the
-- deadline); a change of that expression (persisted breach flags) must change these indexes with it.
CREATE INDEX tickets_by_first_response ON tickets (tenant_id, first_response_at) WHERE first_response_at IS NOT NULL;

CREATE INDEX tickets_by_resolved ON tickets (tenant_id, resolved_at) WHERE resolved_at IS NOT NULL;

CREATE INDEX tickets_by_opened ON tickets (tenant_id, opened_at);

CREATE INDEX tickets_first_response_sla_decided
    ON tickets (tenant_id, (LEAST(COALESCE(first_response_at, 'infinity'::timestamptz), first_response_due_at)))
    WHERE first_response_due_at IS NOT NULL;

CREATE INDEX tickets_resolution_sla_decided
    ON tickets (tenant_id, (LEAST(COALESCE(resolved_at, 'infinity'::timestamptz), resolution_due_at)))
    WHERE resolution_due_at IS NOT NULL;

-- The backlog counts only active tickets, a small part of a table that is mostly closed: a partial index the
-- count reads without touching the table.
CREATE INDEX tickets_backlog ON tickets (tenant_id, status, level, queue)
    WHERE status IN ('Open', 'Assigned', 'InProgress', 'WaitingOnCustomer');
