-- The agent API's list filters, each newest first (ORDER BY id DESC) so a page is read straight off the index.
-- Status already has tickets_by_status (0001); the primary key (tenant_id, id) serves the unfiltered list.
CREATE INDEX tickets_by_queue ON tickets (tenant_id, queue, id DESC);

CREATE INDEX tickets_by_level ON tickets (tenant_id, level, id DESC);

CREATE INDEX tickets_by_assignee ON tickets (tenant_id, assignee_id, id DESC) WHERE assignee_id IS NOT NULL;
