-- WhatsApp: webhook changes accepted before the 200 and drained by the processor; the keys already handled
-- (Meta delivers at least once); and the outbox of Graph API messages with their delivery state.
CREATE TABLE whatsapp_inbox (
    id               bigserial   PRIMARY KEY,
    tenant_id        text        NOT NULL,
    phone_number_id  text        NOT NULL,
    payload          text        NOT NULL,
    received_at      timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    leased_until     timestamptz,
    done_at          timestamptz,
    dead_letter      boolean     NOT NULL DEFAULT false
);

CREATE INDEX whatsapp_inbox_pending ON whatsapp_inbox (id) WHERE done_at IS NULL;

-- "msg:<wamid>" for inbound messages, "status:<wamid>:<status>" for statuses.
CREATE TABLE whatsapp_handled_keys (
    tenant_id   text        NOT NULL,
    key         text        NOT NULL,
    handled_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);

-- state: 0 queued, 1 sent, 2 delivered, 3 read, 4 failed (DeliveryState).
CREATE TABLE whatsapp_outbox (
    tenant_id        text        NOT NULL,
    id               text        NOT NULL,
    phone_number_id  text        NOT NULL,
    conversation_id  text        NOT NULL,
    payload          text        NOT NULL,
    state            integer     NOT NULL,
    wamid            text,
    error_code       integer,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX whatsapp_outbox_wamid ON whatsapp_outbox (tenant_id, wamid) WHERE wamid IS NOT NULL;
