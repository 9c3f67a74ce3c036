-- Tables behind Orleans' ADO.NET grain state and reminder providers, and the OrleansQuery rows
-- that tell each provider what SQL to run. The embedded host has one silo and uses localhost
-- clustering, so there are no membership tables here. Times are stored as the provider binds
-- them: ISO text in UTC, which sorts in time order.

CREATE TABLE OrleansQuery (
    QueryKey TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE grain_state (
    grain_id_hash INTEGER NOT NULL,
    grain_type_hash INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    grain_id_n0 INTEGER NOT NULL,
    grain_id_n1 INTEGER NOT NULL,
    state_name TEXT NOT NULL,
    grain_key_text TEXT NOT NULL,
    payload BLOB,
    version INTEGER NOT NULL,
    written_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, state_name, grain_key_text)
);

CREATE TABLE grain_reminder (
    service_id TEXT NOT NULL,
    grain_id TEXT NOT NULL,
    reminder_name TEXT NOT NULL,
    start_time TEXT NOT NULL,
    period_ms INTEGER NOT NULL,
    grain_hash INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX grain_reminder_by_hash ON grain_reminder (service_id, grain_hash);

-- Grain state -----------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '''')
');

-- At most one of the two statements returns a row: the new version. No row means someone else
-- wrote first, which the provider reports as a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE grain_state
SET payload = @PayloadBinary, version = version + 1, written_at = strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '''')
RETURNING version AS NewGrainStateVersion;
INSERT INTO grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
                         state_name, grain_key_text, payload, version)
SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1,
       @GrainTypeString, COALESCE(@GrainIdExtensionString, ''''), @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE grain_state
SET payload = NULL, version = version + 1, written_at = strftime(''%Y-%m-%d %H:%M:%f'', ''now'')
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '''')
RETURNING version;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM grain_state
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
  AND grain_key_text = COALESCE(@GrainIdExtensionString, '''')
RETURNING version + 1;
');

-- Reminders ---------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO grain_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = grain_reminder.version + 1
RETURNING version AS Version;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM grain_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period_ms AS Period, version AS Version
FROM grain_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
DELETE FROM grain_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
  AND version = @Version;
SELECT changes() > 0;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM grain_reminder WHERE service_id = @ServiceId;
');
