-- API keys of the margin service (pmargin-server). One schema for SQLite and PostgreSQL.
-- A key's secret is never stored: key_hash is the lowercase hex SHA-256 of the secret, key_id its first 16 hex
-- characters (public: shown in listings and used to revoke). role is trader, risk or admin; accounts the
-- comma-separated account ids a trader key is bound to (empty for risk and admin). Keys are not events: this table
-- is written in its own transactions (one per creation or revocation), and a revoked key keeps its row.
CREATE TABLE api_keys (
  key_id VARCHAR(16) NOT NULL PRIMARY KEY,
  key_hash VARCHAR(64) NOT NULL UNIQUE,
  role VARCHAR(16) NOT NULL,
  accounts TEXT NOT NULL,
  label VARCHAR(200) NOT NULL,
  created_at VARCHAR(40) NOT NULL,
  revoked_at VARCHAR(40)
);
