-- Snapshots that seed the engine (issue 15: restart = the latest snapshot + the log after it). The old snapshots
-- table held only a digest and the accounts as JSON, a check for a full replay; it is replaced. One schema for SQLite
-- and PostgreSQL (BYTEA: a blob in both; SQLite stores the bytes as given).
-- seq: the last event the state covers; format_version: of engine_state (EngineStateCodec.FORMAT), a reader skips
-- another; digest: StateDigest of the engine after seq, checked after the import; parameters: the risk parameters
-- in force (ServiceParameters as JSON); engine_state: the engine's whole state, gzip JSON (EngineStateCodec).
-- The service keeps the last three.
DROP TABLE snapshots;
CREATE TABLE snapshots (
  seq BIGINT NOT NULL PRIMARY KEY,
  taken_at VARCHAR(40) NOT NULL,
  format_version INTEGER NOT NULL,
  account_count INTEGER NOT NULL,
  digest VARCHAR(64) NOT NULL,
  parameters TEXT NOT NULL,
  engine_state BYTEA NOT NULL
);
