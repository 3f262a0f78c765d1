-- NemLogin.Orleans cluster schema for PostgreSQL 15+. Applied by `NemLogin.Silo db migrate`; every statement is
-- idempotent, so the command is safe to run again (and by several silos at once: the caller holds an advisory lock).
--
-- Orleans' ADO.NET providers run no SQL of their own: they read their statements from the table OrleansQuery by key
-- and bind fixed parameter names (@ServiceId, @GrainStateVersion, @DeploymentId, @Version, ...); they read results by
-- column name. The statements below keep that contract and nothing else of Orleans' scripts.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

CREATE TABLE IF NOT EXISTS nemlogin_schema
(
    version    integer     PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-------------------------------------------------------------------------------------------------------------------
-- Grain state (stores service-providers, identities, one-time-ids).
-- One row per grain and state type. The row key is a digest, so keys of any length (SAML IDs, entityIDs) fit an
-- index. `version` is the ETag: every write names the version it read, and a write naming another version changes
-- nothing and returns NULL, which Orleans turns into InconsistentStateException (a second writer after a split gets a
-- conflict, never a silent overwrite). A cleared state keeps its row with payload NULL and a new version, so a stale
-- activation cannot bring cleared state back by writing with the version it read before the clear.
-------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS nemlogin_grain_state
(
    state_key          bytea       PRIMARY KEY,
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NULL,
    payload            bytea       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION nemlogin_state_key(p_service text, p_type text, p_n0 bigint, p_n1 bigint, p_extension text)
    RETURNS bytea
    LANGUAGE sql IMMUTABLE
AS $$
    -- The caller-controlled part (the key extension) comes last and is tagged, so no two keys share an encoding.
    SELECT sha256(convert_to(
        p_service || chr(31) || p_type || chr(31) || p_n0::text || chr(31) || p_n1::text || chr(31)
            || coalesce('s' || p_extension, 'n'),
        'UTF8'));
$$;

CREATE OR REPLACE FUNCTION nemlogin_write_grain_state(
    p_service text, p_type text, p_n0 bigint, p_n1 bigint, p_extension text, p_expected integer, p_payload bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    v_key     bytea := nemlogin_state_key(p_service, p_type, p_n0, p_n1, p_extension);
    v_version integer;
BEGIN
    IF p_expected IS NULL THEN
        -- First write: the primary key makes concurrent first writers race safely; the loser inserts nothing.
        INSERT INTO nemlogin_grain_state AS s
            (state_key, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version, modified_at)
        VALUES (v_key, p_service, p_type, p_n0, p_n1, p_extension, p_payload, 1, now())
        ON CONFLICT (state_key) DO NOTHING
        RETURNING s.version INTO v_version;
    ELSE
        UPDATE nemlogin_grain_state AS s
        SET payload = p_payload, version = s.version + 1, modified_at = now()
        WHERE s.state_key = v_key AND s.version = p_expected
        RETURNING s.version INTO v_version;
    END IF;
    RETURN v_version;
END
$$;

CREATE OR REPLACE FUNCTION nemlogin_clear_grain_state(
    p_service text, p_type text, p_n0 bigint, p_n1 bigint, p_extension text, p_expected integer, p_delete boolean)
    RETURNS TABLE (newgrainstateversion integer)
    LANGUAGE plpgsql
AS $$
DECLARE
    v_key bytea := nemlogin_state_key(p_service, p_type, p_n0, p_n1, p_extension);
BEGIN
    IF p_delete THEN
        RETURN QUERY
            DELETE FROM nemlogin_grain_state AS s
            WHERE s.state_key = v_key AND s.version = p_expected
            RETURNING s.version + 1;
    ELSE
        RETURN QUERY
            UPDATE nemlogin_grain_state AS s
            SET payload = NULL, version = s.version + 1, modified_at = now()
            WHERE s.state_key = v_key AND s.version = p_expected
            RETURNING s.version;
    END IF;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', '
    SELECT s.payload AS PayloadBinary, s.version AS Version
    FROM nemlogin_grain_state AS s
    WHERE s.state_key = nemlogin_state_key(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString);
'),
('WriteToStorageKey', '
    SELECT nemlogin_write_grain_state(
        @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary)
        AS NewGrainStateVersion;
'),
('ClearStorageKey', '
    SELECT c.newgrainstateversion AS NewGrainStateVersion
    FROM nemlogin_clear_grain_state(
        @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion, false) AS c;
'),
('DeleteStorageKey', '
    SELECT c.newgrainstateversion AS NewGrainStateVersion
    FROM nemlogin_clear_grain_state(
        @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion, true) AS c;
')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-------------------------------------------------------------------------------------------------------------------
-- Cluster membership (Orleans' membership protocol over a table).
-- One version row per cluster (DeploymentId = ClusterId) and one row per silo incarnation. Orleans changes
-- membership only by naming the table version it read: an insert or status change bumps the version and succeeds
-- only if the version is still the one named, all or nothing (the functions roll back their own partial work).
-- The boolean-answering statements return one integer column, 1 for success and 0 otherwise.
-------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS nemlogin_cluster_version
(
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS nemlogin_cluster_member
(
    deployment_id   text        NOT NULL REFERENCES nemlogin_cluster_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

CREATE OR REPLACE FUNCTION nemlogin_cluster_insert_member(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
BEGIN
    BEGIN
        UPDATE nemlogin_cluster_version
        SET version = version + 1, changed_at = now()
        WHERE deployment_id = p_deployment AND version = p_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        INSERT INTO nemlogin_cluster_member
            (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
        VALUES
            (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, coalesce(p_proxy_port, 0),
             p_start_time, p_i_am_alive_time);
        RETURN 1;
    EXCEPTION WHEN unique_violation THEN
        -- The silo incarnation is already listed: the version bump above is rolled back with this block.
        RETURN 0;
    END;
END
$$;

CREATE OR REPLACE FUNCTION nemlogin_cluster_update_member(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer, p_suspect_times text,
    p_i_am_alive_time timestamptz, p_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
BEGIN
    BEGIN
        UPDATE nemlogin_cluster_version
        SET version = version + 1, changed_at = now()
        WHERE deployment_id = p_deployment AND version = p_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        UPDATE nemlogin_cluster_member
        SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
        WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'no_data_found';
        END IF;
        RETURN 1;
    EXCEPTION WHEN no_data_found THEN
        -- No such silo: undo the version bump.
        RETURN 0;
    END;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
    WITH created AS (
        INSERT INTO nemlogin_cluster_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created;
'),
('InsertMembershipKey', '
    SELECT nemlogin_cluster_insert_member(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime,
        @IAmAliveTime, @Version);
'),
('UpdateMembershipKey', '
    SELECT nemlogin_cluster_update_member(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
'),
('UpdateIAmAlivetimeKey', '
    UPDATE nemlogin_cluster_member
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
'),
('MembershipReadRowKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM nemlogin_cluster_version AS v
    LEFT JOIN nemlogin_cluster_member AS m
        ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;
'),
('MembershipReadAllKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM nemlogin_cluster_version AS v
    LEFT JOIN nemlogin_cluster_member AS m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM nemlogin_cluster_version WHERE deployment_id = @DeploymentId;
'),
('GatewaysQueryKey', '
    SELECT m.address AS Address, m.proxy_port AS ProxyPort, m.generation AS Generation
    FROM nemlogin_cluster_member AS m
    WHERE m.deployment_id = @DeploymentId AND m.status = @Status AND m.proxy_port > 0;
'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM nemlogin_cluster_member
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO nemlogin_schema (version) VALUES (1) ON CONFLICT (version) DO NOTHING;

-------------------------------------------------------------------------------------------------------------------
-- Reminders (Orleans' durable reminders: mandates expire at the end of their validity period).
-- One row per grain and reminder name. `version` is the ETag: an upsert bumps it and returns it, and a delete names
-- the version it read, so a delete racing a re-registration removes nothing (the delete answers 0). `grain_hash` is
-- the grain id's uniform hash as a signed integer: each silo reads the rows of its hash range (a range that wraps
-- around the ring is read with the second range statement).
-------------------------------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS nemlogin_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS nemlogin_reminder_hash ON nemlogin_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', '
    INSERT INTO nemlogin_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
            version = r.version + 1
    RETURNING r.version AS Version;
'),
('ReadReminderRowKey', '
    SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime, r.period_ms AS Period,
           r.version AS Version
    FROM nemlogin_reminder AS r
    WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName;
'),
('ReadReminderRowsKey', '
    SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime, r.period_ms AS Period,
           r.version AS Version
    FROM nemlogin_reminder AS r
    WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId;
'),
('ReadRangeRows1Key', '
    SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime, r.period_ms AS Period,
           r.version AS Version
    FROM nemlogin_reminder AS r
    WHERE r.service_id = @ServiceId AND r.grain_hash > @BeginHash AND r.grain_hash <= @EndHash;
'),
('ReadRangeRows2Key', '
    SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime, r.period_ms AS Period,
           r.version AS Version
    FROM nemlogin_reminder AS r
    WHERE r.service_id = @ServiceId AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash);
'),
('DeleteReminderRowKey', '
    WITH removed AS (
        DELETE FROM nemlogin_reminder
        WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
        RETURNING 1)
    SELECT count(*)::integer FROM removed;
'),
('DeleteReminderRowsKey', '
    DELETE FROM nemlogin_reminder WHERE service_id = @ServiceId;
')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

INSERT INTO nemlogin_schema (version) VALUES (2) ON CONFLICT (version) DO NOTHING;

-------------------------------------------------------------------------------------------------------------------
-- The purge of expired one-time IDs (the silo's ExpiredStatePurge) walks their rows oldest first. Partial: other
-- states are rewritten in place, and an index on modified_at would cost every such write its HOT update.
-------------------------------------------------------------------------------------------------------------------
CREATE INDEX IF NOT EXISTS nemlogin_grain_state_one_time_id_age
    ON nemlogin_grain_state (service_id, modified_at, state_key) WHERE grain_type = 'use';

INSERT INTO nemlogin_schema (version) VALUES (3) ON CONFLICT (version) DO NOTHING;
