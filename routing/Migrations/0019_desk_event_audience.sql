-- Who may see a desk event: the ticket's level, queue and assignee when it was written, and the assignee it had
-- before (so an agent sees a ticket leave them). Null everywhere means "every desk user of the tenant".
ALTER TABLE desk_events
    ADD COLUMN level                smallint,
    ADD COLUMN queue                text,
    ADD COLUMN assignee_id          text,
    ADD COLUMN previous_assignee_id text;
