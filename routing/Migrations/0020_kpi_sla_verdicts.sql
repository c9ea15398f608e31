-- KPIs: the SLA hit rate now reads each ticket's verdict (first_response_breached, resolution_breached) before its
-- deadline, so a target met while its clock was paused (no deadline on the ticket) counts too. The indexes follow
-- the "when decided" expression of PostgresKpiStore (KpiSql.Decided / KpiSql.Counted) exactly.
DROP INDEX IF EXISTS tickets_first_response_sla_decided;
DROP INDEX IF EXISTS tickets_resolution_sla_decided;

CREATE INDEX tickets_first_response_sla_decided
    ON tickets (tenant_id, (CASE WHEN first_response_breached IS NULL
                                 THEN LEAST(COALESCE(first_response_at, 'infinity'::timestamptz), first_response_due_at)
                                 WHEN first_response_breached THEN COALESCE(first_response_due_at, first_response_at)
                                 ELSE first_response_at END))
    WHERE (first_response_breached IS NOT NULL OR first_response_due_at IS NOT NULL);

CREATE INDEX tickets_resolution_sla_decided
    ON tickets (tenant_id, (CASE WHEN resolution_breached IS NULL
                                 THEN LEAST(COALESCE(resolved_at, 'infinity'::timestamptz), resolution_due_at)
                                 WHEN resolution_breached THEN COALESCE(resolution_due_at, resolved_at)
                                 ELSE resolved_at END))
    WHERE (resolution_breached IS NOT NULL OR resolution_due_at IS NOT NULL);
