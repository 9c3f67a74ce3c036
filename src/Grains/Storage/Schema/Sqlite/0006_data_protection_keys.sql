-- The keys that sign and encrypt login cookies and antiforgery tokens (ASP.NET Core Data
-- Protection), one XML element per row. With SQLite there is one web front, but its logins then
-- survive a restart just the same. The elements are written once and never changed.
CREATE TABLE data_protection_key (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    xml TEXT NOT NULL,
    created_ms INTEGER NOT NULL
) WITHOUT ROWID;
