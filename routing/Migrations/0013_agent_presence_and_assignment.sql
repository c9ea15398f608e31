-- Routing and assignment: agents' presence, and the indexes the assignment engine reads on every pass.
CREATE TABLE agent_presence (
    tenant_id  text        NOT NULL,
    agent_id   text        NOT NULL,
    presence   text        NOT NULL CHECK (presence IN ('Online', 'Away', 'Offline')),
    since      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, agent_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);

-- The queue in assignment order: priority first, then the earliest first-response deadline (none last), then oldest.
CREATE INDEX tickets_queued_in_assignment_order
    ON tickets (tenant_id, priority DESC, first_response_due_at ASC NULLS LAST, opened_at, id)
    WHERE status = 'Open';

-- An agent's load (the active tickets they hold), counted under their lock before every assignment.
CREATE INDEX tickets_held_by_agent
    ON tickets (tenant_id, assignee_id)
    WHERE status IN ('Assigned', 'InProgress', 'WaitingOnCustomer');

-- When an agent was last given a ticket ("longest idle"). The predicate names assigned_at on purpose: a ticket
-- list filtered by assignee does not imply it, so those lists keep their own index (tickets_by_assignee).
CREATE INDEX tickets_last_assignment_by_agent
    ON tickets (tenant_id, assignee_id, assigned_at DESC)
    WHERE assigned_at IS NOT NULL;
