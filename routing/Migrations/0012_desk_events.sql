-- The agents' live feed: a durable log per tenant that the desk's stream replays from the last id a client saw.
-- dedupe_key makes producers that deliver at least once (SLA events, ...) append each event once.
CREATE TABLE desk_events (
    id          bigserial   PRIMARY KEY,
    tenant_id   text        NOT NULL,
    kind        text        NOT NULL,
    ticket_id   bigint,
    payload     jsonb       NOT NULL,
    dedupe_key  text,
    at          timestamptz NOT NULL,
    UNIQUE (tenant_id, dedupe_key)
);

CREATE INDEX desk_events_by_tenant ON desk_events (tenant_id, id);
