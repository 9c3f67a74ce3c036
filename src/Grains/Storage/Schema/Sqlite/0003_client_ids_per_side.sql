-- A client message id is unique per side of a conversation, not per conversation: the seeker's
-- page and the counsellor's console choose their ids independently.
DROP INDEX chat_entry_by_client_id;
CREATE UNIQUE INDEX chat_entry_by_client_id ON chat_entry (conversation_id, author, client_message_id)
    WHERE client_message_id <> '';
