-- Row-level security by tenant, as a backstop under the application's own WHERE tenant_id = ... clauses.
-- Work done for one tenant (the agent API, the desk) runs in a transaction that sets atendimento.tenant with
-- set_config(..., true) (TenantScope); the database then shows and accepts only that tenant's rows, even to a
-- query that forgot its tenant condition. Work that does not set it (start-up, the SLA watcher, API key look-up,
-- the bot's handoffs) sees every tenant, as before: see docs/decisions/0020-row-level-security-by-tenant.md.
-- FORCE applies the policy to the tables' owner too; only superusers and BYPASSRLS roles skip it, so the
-- application must not connect as one.
DO $$
DECLARE
    routing_table text;
BEGIN
    FOREACH routing_table IN ARRAY ARRAY[
        'tickets', 'ticket_messages', 'ticket_message_deliveries', 'ticket_audit', 'agents', 'agent_api_keys',
        'sla_timers', 'sla_events', 'desk_users', 'desk_events', 'agent_presence']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', routing_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', routing_table);
        EXECUTE format($policy$
            CREATE POLICY tenant_scope ON %I
                USING (coalesce(current_setting('atendimento.tenant', true), '') IN ('', tenant_id))
                WITH CHECK (coalesce(current_setting('atendimento.tenant', true), '') IN ('', tenant_id))
            $policy$, routing_table);
    END LOOP;
END
$$;
