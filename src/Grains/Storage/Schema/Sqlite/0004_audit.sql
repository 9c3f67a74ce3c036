-- The audit log of counsellors' powers: who did what, when, in which chat. No chat text, no
-- addresses, no conversation ids.
CREATE TABLE audit_entry (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    account_id BLOB NOT NULL,
    user_name TEXT NOT NULL,
    action INTEGER NOT NULL,
    detail TEXT NOT NULL,
    queue_id TEXT NOT NULL
);

CREATE INDEX audit_entry_by_time ON audit_entry (at_ms);
