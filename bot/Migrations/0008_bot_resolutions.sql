-- Bot: conversations the bot brought to the end of a dialog without handing off, one row per dialog completed,
-- for the "resolved by the bot vs handed off" KPI. The key is the customer's activity that completed it, so a
-- turn run again (a channel's retry) is recorded once. No text of the conversation is kept here.
CREATE TABLE bot_resolutions (
    tenant_id        text        NOT NULL,
    conversation_id  text        NOT NULL,
    activity_id      text        NOT NULL,
    intent           text        NOT NULL,
    channel          text        NOT NULL,
    at               timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id, activity_id)
);

CREATE INDEX bot_resolutions_by_time ON bot_resolutions (tenant_id, at);

-- The same tenant policy as the routing tables (routing/Migrations/0018): scoped reads see one tenant only.
ALTER TABLE bot_resolutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE bot_resolutions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON bot_resolutions
    USING (coalesce(current_setting('atendimento.tenant', true), '') IN ('', tenant_id))
    WITH CHECK (coalesce(current_setting('atendimento.tenant', true), '') IN ('', tenant_id));
