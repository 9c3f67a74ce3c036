-- Anonymous feedback: the chat, the month, a rating and optional words. The id is random, and
-- nothing else in a row points to a conversation, an address or a moment finer than the month.
CREATE TABLE feedback (
    id BLOB PRIMARY KEY,
    queue_id TEXT NOT NULL,
    month TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX feedback_by_chat_and_month ON feedback (queue_id, month);
