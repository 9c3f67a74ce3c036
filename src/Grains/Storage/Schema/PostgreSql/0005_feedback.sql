-- Anonymous feedback: the chat, the month, a rating and optional words. The id is random, and
-- nothing else in a row points to a conversation, an address or a moment finer than the month.
CREATE TABLE feedback (
    id uuid PRIMARY KEY,
    queue_id text NOT NULL,
    month text NOT NULL,
    rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text NOT NULL
);

CREATE INDEX feedback_by_chat_and_month ON feedback (queue_id, month);
