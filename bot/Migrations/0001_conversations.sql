-- Bot: conversation state (dialog position, transcript, active ticket) as one versioned jsonb document.
CREATE TABLE conversations (
    tenant_id   text        NOT NULL,
    id          text        NOT NULL,
    channel     text        NOT NULL,
    state       jsonb       NOT NULL,
    version     integer     NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
