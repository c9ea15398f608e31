-- The WhatsApp outbox retries its own messages: a retryable failure leaves the row queued with a later
-- next_attempt_at; a dispatcher on any instance takes due rows under a lease, the oldest of each conversation
-- first (seq keeps the order); after the last attempt the row is a dead letter. An agent's message carries
-- its ticket line so that delivery statuses reach the ticket.
ALTER TABLE whatsapp_outbox
    ADD COLUMN seq              bigserial,
    ADD COLUMN attempts         integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at  timestamptz,
    ADD COLUMN leased_until     timestamptz,
    ADD COLUMN dead_letter      boolean     NOT NULL DEFAULT false,
    ADD COLUMN ticket_id        bigint,
    ADD COLUMN ticket_sequence  bigint;

UPDATE whatsapp_outbox SET next_attempt_at = updated_at WHERE state = 0;

CREATE INDEX whatsapp_outbox_queued ON whatsapp_outbox (tenant_id, conversation_id, seq) WHERE state = 0;
CREATE INDEX whatsapp_outbox_dead_letters ON whatsapp_outbox (tenant_id, updated_at, id) WHERE dead_letter;

-- Every re-drive of dead letters by an admin: who, when, what they asked for, how many it matched and re-drove.
CREATE TABLE whatsapp_redrives (
    id         bigserial   PRIMARY KEY,
    tenant_id  text        NOT NULL,
    actor      text        NOT NULL,
    at         timestamptz NOT NULL,
    request    jsonb       NOT NULL,
    requested  integer     NOT NULL,
    redriven   integer     NOT NULL,
    result     text        NOT NULL
);

CREATE INDEX whatsapp_redrives_tenant ON whatsapp_redrives (tenant_id, id DESC);
