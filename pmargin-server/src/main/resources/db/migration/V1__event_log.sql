-- The margin service's event log (pmargin-server). One schema for SQLite and PostgreSQL.
-- events: every accepted state-changing request, in sequence order, gap-free from 1. payload is the canonical JSON
-- of the request (the `pmargin engine` event-line format plus "create"), answer the canonical JSON the client got.
CREATE TABLE events (
  seq BIGINT NOT NULL PRIMARY KEY,
  client_id VARCHAR(200) NOT NULL UNIQUE,
  type VARCHAR(32) NOT NULL,
  payload TEXT NOT NULL,
  answer TEXT NOT NULL,
  recorded_at VARCHAR(40) NOT NULL
);

-- snapshots: the engine state after event seq (accounts as the margin models see them, and a digest of every
-- account's margin), written periodically and on shutdown.
CREATE TABLE snapshots (
  seq BIGINT NOT NULL PRIMARY KEY,
  taken_at VARCHAR(40) NOT NULL,
  account_count INTEGER NOT NULL,
  digest VARCHAR(64) NOT NULL,
  state TEXT NOT NULL
);

-- store_meta: what the store was initialised with (the service settings: model, initial market, engine options).
CREATE TABLE store_meta (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
