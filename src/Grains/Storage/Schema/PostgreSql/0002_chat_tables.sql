-- The service's own tables: rows it appends and deletes one at a time, so that no write grows
-- with the size of a conversation or a queue.

-- A conversation's timeline. A client message id is stored once per conversation, which is what
-- makes a retried send safe.
CREATE TABLE chat_entry (
    conversation_id uuid NOT NULL,
    seq bigint NOT NULL,
    kind integer NOT NULL,
    author integer NOT NULL,
    client_message_id text NOT NULL,
    body text NOT NULL,
    at_ms bigint NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

CREATE UNIQUE INDEX chat_entry_by_client_id ON chat_entry (conversation_id, client_message_id)
    WHERE client_message_id <> '';

-- Seekers waiting in each queue, oldest ticket first.
CREATE TABLE waiting_seeker (
    queue_id text NOT NULL,
    conversation_id uuid NOT NULL,
    ticket bigint NOT NULL,
    since_ms bigint NOT NULL,
    PRIMARY KEY (queue_id, conversation_id)
);

CREATE INDEX waiting_seeker_by_ticket ON waiting_seeker (queue_id, ticket);

-- The only place a seeker's IP address is kept: while their conversation lasts, and never past
-- the monthly purge, which empties the table.
CREATE TABLE seeker_address (
    conversation_id uuid PRIMARY KEY,
    address text NOT NULL
);
