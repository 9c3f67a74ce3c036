-- The keys that sign and encrypt login cookies and antiforgery tokens (ASP.NET Core Data
-- Protection), one XML element per row, read by every web front so that a login made on one is
-- accepted by all. The elements are written once and never changed; Data Protection decides which
-- key is current from their dates.
CREATE TABLE data_protection_key (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    xml text NOT NULL,
    created_ms bigint NOT NULL
);
