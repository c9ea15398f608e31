-- The ticket's two SLA clocks (first response, resolution), each as the SlaClock record: the target and the time
-- used, both in business time of the tenant's calendar, since when it runs (null while paused or stopped), when it
-- stopped, since when it holds still. The deadlines in first_response_due_at / resolution_due_at are derived from
-- them. The verdicts feed the "SLA hit rate": null until decided, false when met, true when breached.
ALTER TABLE tickets
    ADD COLUMN first_response_target        interval,
    ADD COLUMN first_response_consumed      interval,
    ADD COLUMN first_response_running_since timestamptz,
    ADD COLUMN first_response_stopped_at    timestamptz,
    ADD COLUMN first_response_held_since    timestamptz,
    ADD COLUMN resolution_target            interval,
    ADD COLUMN resolution_consumed          interval,
    ADD COLUMN resolution_running_since     timestamptz,
    ADD COLUMN resolution_stopped_at        timestamptz,
    ADD COLUMN resolution_held_since        timestamptz,
    ADD COLUMN first_response_breached      boolean,
    ADD COLUMN resolution_breached          boolean;

-- Tickets opened before the clocks had elapsed-time deadlines: their verdicts follow from those, and their
-- clocks are rebuilt as if they had run since the opening (the calendar of the tenant applies from their next change).
UPDATE tickets SET first_response_breached = first_response_at > first_response_due_at
WHERE first_response_at IS NOT NULL AND first_response_due_at IS NOT NULL;

UPDATE tickets SET resolution_breached = resolved_at > resolution_due_at
WHERE resolved_at IS NOT NULL AND resolution_due_at IS NOT NULL;

UPDATE tickets SET first_response_target = first_response_due_at - opened_at, first_response_consumed = interval '0',
                   first_response_running_since = opened_at
WHERE first_response_due_at IS NOT NULL AND first_response_at IS NULL
  AND status IN ('Open', 'Assigned', 'InProgress', 'WaitingOnCustomer');

UPDATE tickets SET resolution_target = resolution_due_at - opened_at, resolution_consumed = interval '0',
                   resolution_running_since = opened_at
WHERE resolution_due_at IS NOT NULL AND status IN ('Open', 'Assigned', 'InProgress', 'WaitingOnCustomer');
