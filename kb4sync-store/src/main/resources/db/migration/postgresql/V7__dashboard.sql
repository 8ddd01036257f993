-- The dashboard's sign-in (docs/security.md#signing-in-to-the-dashboard). Keep in step with
-- ../sqlite/V7__dashboard.sql.
-- dashboard_accounts: local accounts (kb4sync user add) keep an Argon2id hash in PHC string form
-- ($argon2id$v=19$...), never the password; Entra ID accounts are recorded at sign-in, without one.
-- dashboard_sessions: keyed by the SHA-256 of the session id (64 lowercase hex digits), never the
-- id itself; the CSRF token is derived from the id (an HMAC keyed with it), so it is not stored.
-- admin_actions: the audit log of admin actions, oldest first by (at_ms, id).
-- Names sort by code point (COLLATE "C") whatever the database's collation, as in SQLite.

CREATE TABLE dashboard_accounts (
  name               TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  role               TEXT    NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  source             TEXT    NOT NULL CHECK (source IN ('local', 'entra')),
  phc_hash           TEXT,
  disabled           BOOLEAN NOT NULL,
  created_at_ms      BIGINT  NOT NULL,
  last_sign_in_at_ms BIGINT,
  CHECK ((source = 'local') = (phc_hash IS NOT NULL))
);

CREATE TABLE dashboard_sessions (
  sha256          TEXT   NOT NULL PRIMARY KEY,
  name            TEXT   NOT NULL,
  role            TEXT   NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  created_at_ms   BIGINT NOT NULL,
  last_seen_at_ms BIGINT NOT NULL
);

CREATE INDEX dashboard_sessions_by_name ON dashboard_sessions (name);

CREATE TABLE admin_actions (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ms      BIGINT NOT NULL,
  actor      TEXT   NOT NULL,
  action     TEXT   NOT NULL,
  company_id TEXT,
  detail     TEXT
);

CREATE INDEX admin_actions_by_time ON admin_actions (at_ms, id);
CREATE INDEX admin_actions_by_action ON admin_actions (action, at_ms);
