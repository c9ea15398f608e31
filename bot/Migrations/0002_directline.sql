-- Direct Line: conversations and their numbered activity history (the number is the watermark).
CREATE TABLE directline_conversations (
    id             text        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    user_id        text        NOT NULL,
    created_at     timestamptz NOT NULL,
    started        boolean     NOT NULL DEFAULT false,
    last_sequence  bigint      NOT NULL DEFAULT 0
);

CREATE TABLE directline_activities (
    tenant_id           text        NOT NULL,
    conversation_id     text        NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    sequence            bigint      NOT NULL,
    client_activity_id  text,
    activity            jsonb       NOT NULL,
    PRIMARY KEY (conversation_id, sequence)
);

-- A client retrying a POST with the same clientActivityID gets the first copy back, not a second turn.
CREATE UNIQUE INDEX directline_activities_client_id
    ON directline_activities (conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
