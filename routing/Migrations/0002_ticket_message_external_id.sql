-- The channel's id of the message a ticket line came from: a relayed customer message is written once,
-- however often the channel delivers it or the turn is run again.
ALTER TABLE ticket_messages ADD COLUMN external_id text;

CREATE UNIQUE INDEX ticket_messages_external_id
    ON ticket_messages (tenant_id, ticket_id, external_id) WHERE external_id IS NOT NULL;
