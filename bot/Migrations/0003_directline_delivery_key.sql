-- The unique column now holds a delivery key: "client:<clientActivityID>" for what clients post and
-- "out:<activity id>" for what we send, so a resent outbox is stored once too.
ALTER TABLE directline_activities RENAME COLUMN client_activity_id TO delivery_key;
ALTER INDEX directline_activities_client_id RENAME TO directline_activities_delivery_key;

-- Keys stored before this migration were bare clientActivityIDs.
UPDATE directline_activities SET delivery_key = 'client:' || delivery_key WHERE delivery_key IS NOT NULL;
