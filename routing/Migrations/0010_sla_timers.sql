-- SLA: one timer per ticket and moment (warning or breach of first response or resolution). due_at is null while
-- the clock is paused or the target is met; fired_at, once set, is never cleared, so each moment is raised at
-- most once per ticket whatever the instances or restarts. The partial index serves "what is due next" without
-- reading the timers far from their moment.
CREATE TABLE sla_timers (
    tenant_id  text        NOT NULL,
    ticket_id  bigint      NOT NULL,
    moment     text        NOT NULL,
    due_at     timestamptz,
    fired_at   timestamptz,
    PRIMARY KEY (tenant_id, ticket_id, moment)
);

CREATE INDEX sla_timers_due ON sla_timers (due_at) WHERE fired_at IS NULL AND due_at IS NOT NULL;

-- The events raised, written in the same statement that fires their timers, then delivered at least once to
-- the agent feed and the notification webhook.
CREATE TABLE sla_events (
    id            bigserial   PRIMARY KEY,
    tenant_id     text        NOT NULL,
    ticket_id     bigint      NOT NULL,
    moment        text        NOT NULL,
    due_at        timestamptz NOT NULL,
    fired_at      timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    leased_until  timestamptz,
    delivered_at  timestamptz
);

CREATE INDEX sla_events_undelivered ON sla_events (id) WHERE delivered_at IS NULL;
