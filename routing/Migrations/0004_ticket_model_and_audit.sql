-- The full ticket model (priority, severity, tags, customer, the timestamps, escalation, merge, SLA deadlines),
-- internal notes on the message log, and the audit log of every operation on a ticket.
ALTER TABLE tickets
    ADD COLUMN priority                 smallint    NOT NULL DEFAULT 2,
    ADD COLUMN severity                 smallint    NOT NULL DEFAULT 2,
    ADD COLUMN tags                     text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN customer_ref             text,
    ADD COLUMN assigned_at              timestamptz,
    ADD COLUMN cancelled_at             timestamptz,
    ADD COLUMN last_customer_message_at timestamptz,
    ADD COLUMN last_agent_message_at    timestamptz,
    ADD COLUMN resolution               text,
    ADD COLUMN escalation_reason        text,
    ADD COLUMN escalated_at             timestamptz,
    ADD COLUMN merged_into_id           bigint,
    ADD COLUMN first_response_due_at    timestamptz,
    ADD COLUMN resolution_due_at        timestamptz;

-- Until now a conversation was the only notion of a customer.
UPDATE tickets SET customer_ref = conversation_ref;
ALTER TABLE tickets ALTER COLUMN customer_ref SET NOT NULL;

-- Assigned and waiting-on-customer tickets are active too: a human still owns the conversation.
DROP INDEX tickets_one_active_per_conversation;
CREATE UNIQUE INDEX tickets_one_active_per_conversation
    ON tickets (tenant_id, conversation_ref) WHERE status IN ('Open', 'Assigned', 'InProgress', 'WaitingOnCustomer');

ALTER TABLE ticket_messages ADD COLUMN internal boolean NOT NULL DEFAULT false;

CREATE TABLE ticket_audit (
    tenant_id   text        NOT NULL,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    ticket_id   bigint      NOT NULL,
    action      text        NOT NULL,
    actor_kind  text        NOT NULL,
    actor_id    text,
    reason      text,
    from_value  text,
    to_value    text,
    status_from text        NOT NULL,
    status_to   text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, id),
    FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
