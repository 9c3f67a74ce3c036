-- The service's own tables: rows appended and deleted one at a time, so that no write grows
-- with the size of a conversation or a queue. Conversation ids are 16-byte blobs.

CREATE TABLE chat_entry (
    conversation_id BLOB NOT NULL,
    seq INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    author INTEGER NOT NULL,
    client_message_id TEXT NOT NULL,
    body TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

CREATE UNIQUE INDEX chat_entry_by_client_id ON chat_entry (conversation_id, client_message_id)
    WHERE client_message_id <> '';

CREATE TABLE waiting_seeker (
    queue_id TEXT NOT NULL,
    conversation_id BLOB NOT NULL,
    ticket INTEGER NOT NULL,
    since_ms INTEGER NOT NULL,
    PRIMARY KEY (queue_id, conversation_id)
);

CREATE INDEX waiting_seeker_by_ticket ON waiting_seeker (queue_id, ticket);

CREATE TABLE seeker_address (
    conversation_id BLOB PRIMARY KEY,
    address TEXT NOT NULL
);
