-- The audit log of counsellors' powers: who did what, when, in which chat. No chat text, no
-- addresses, no conversation ids.
CREATE TABLE audit_entry (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms bigint NOT NULL,
    account_id uuid NOT NULL,
    user_name text NOT NULL,
    action integer NOT NULL,
    detail text NOT NULL,
    queue_id text NOT NULL
);

CREATE INDEX audit_entry_by_time ON audit_entry (at_ms);
