-- Where each agent message stands on the customer's channel (MessageDeliveryState: 0 queued, 1 sent,
-- 2 delivered, 3 read, 4 failed), written by the channel module; a line without a row was never tracked.
CREATE TABLE ticket_message_deliveries (
    tenant_id    text        NOT NULL,
    ticket_id    bigint      NOT NULL,
    sequence     bigint      NOT NULL,
    state        integer     NOT NULL,
    error_code   integer,
    error_title  text,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, ticket_id, sequence)
);
