-- Tables behind Orleans' ADO.NET providers (grain state, cluster membership, reminders) and the
-- OrleansQuery rows that tell each provider what SQL to run. Written for this project from the
-- providers' parameter and column contract; see docs/architecture.md.

CREATE TABLE OrleansQuery (
    QueryKey text PRIMARY KEY,
    QueryText text NOT NULL
);

-- Grain state. One row per grain and state name; the full identity is the primary key, so two
-- activations racing to write a grain's first state cannot both insert.
CREATE TABLE grain_state (
    grain_id_hash integer NOT NULL,
    grain_type_hash integer NOT NULL,
    service_id text NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    state_name text NOT NULL,
    grain_key_text text NOT NULL,
    payload bytea,
    version integer NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, state_name, grain_key_text)
);

-- Cluster membership: one version row per cluster, bumped by every membership change, and one
-- row per silo incarnation.
CREATE TABLE cluster_version (
    cluster_id text PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cluster_member (
    cluster_id text NOT NULL REFERENCES cluster_version (cluster_id) ON DELETE CASCADE,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer NOT NULL,
    suspect_times text,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

-- Reminders, spread over the silos by grain hash ranges.
CREATE TABLE grain_reminder (
    service_id text NOT NULL,
    grain_id text NOT NULL,
    reminder_name text NOT NULL,
    start_time timestamptz NOT NULL,
    period_ms bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX grain_reminder_by_hash ON grain_reminder (service_id, grain_hash);

-- Grain state -----------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '')
$q$);

-- A known version updates that version only; no version inserts the first row only. Either way
-- exactly one row comes back: the new version, or NULL when someone else wrote first.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE grain_state
    SET payload = @PayloadBinary, version = version + 1, written_at = now()
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
      AND grain_key_text = COALESCE(@GrainIdExtensionString, '')
    RETURNING version
), inserted AS (
    INSERT INTO grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
                             state_name, grain_key_text, payload, version)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
           @GrainTypeString, COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS "NewGrainStateVersion"
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
UPDATE grain_state
SET payload = NULL, version = version + 1, written_at = now()
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '')
RETURNING version
$q$);

-- Used when state is cleared: the row goes, so cleared state leaves nothing behind.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $q$
DELETE FROM grain_state
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '')
RETURNING version + 1
$q$);

-- Cluster membership ----------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO cluster_version (cluster_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING cluster_id
)
SELECT EXISTS (SELECT 1 FROM created)
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM cluster_version v
LEFT JOIN cluster_member m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM cluster_version v
LEFT JOIN cluster_member m ON m.cluster_id = v.cluster_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$q$);

-- A membership change succeeds only against the table version the silo read. The version row is
-- locked first, so of two silos changing the table at once exactly one wins.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $q$
WITH current_version AS (
    SELECT cluster_id FROM cluster_version
    WHERE cluster_id = @DeploymentId AND version = @Version
    FOR UPDATE
), inserted AS (
    INSERT INTO cluster_member (cluster_id, address, port, generation, silo_name, host_name, status,
                                proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
    FROM current_version
    ON CONFLICT DO NOTHING
    RETURNING cluster_id
), bumped AS (
    UPDATE cluster_version SET version = version + 1, changed_at = now()
    WHERE cluster_id IN (SELECT cluster_id FROM inserted)
    RETURNING cluster_id
)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $q$
WITH current_version AS (
    SELECT cluster_id FROM cluster_version
    WHERE cluster_id = @DeploymentId AND version = @Version
    FOR UPDATE
), changed AS (
    UPDATE cluster_member
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    WHERE cluster_id IN (SELECT cluster_id FROM current_version)
      AND address = @Address AND port = @Port AND generation = @Generation
    RETURNING cluster_id
), bumped AS (
    UPDATE cluster_version SET version = version + 1, changed_at = now()
    WHERE cluster_id IN (SELECT cluster_id FROM changed)
    RETURNING cluster_id
)
SELECT EXISTS (SELECT 1 FROM bumped)
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE cluster_member SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM cluster_member
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $q$
DELETE FROM cluster_version WHERE cluster_id = @DeploymentId
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM cluster_member
WHERE cluster_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$);

-- Reminders ---------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $q$
INSERT INTO grain_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = grain_reminder.version + 1
RETURNING version AS "Version"
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$);

-- The ring range (begin, end] when it does not wrap ...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$);

-- ... and when it wraps past the top of the hash space (or covers all of it).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM grain_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM grain_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING grain_id
)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $q$
DELETE FROM grain_reminder WHERE service_id = @ServiceId
$q$);
