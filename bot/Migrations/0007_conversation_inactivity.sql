-- Bot: when the inactivity menu of a conversation is due (the bot asked, the customer went quiet). A copy of
-- ConversationState.InactivityDueAt kept in a column so the sweeper finds due conversations by index, not by
-- reading every state document.
ALTER TABLE conversations ADD COLUMN inactivity_due_at timestamptz;

CREATE INDEX conversations_inactivity_due ON conversations (inactivity_due_at) WHERE inactivity_due_at IS NOT NULL;
