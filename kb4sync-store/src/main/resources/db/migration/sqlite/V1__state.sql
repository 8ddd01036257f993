-- kb4sync state store, SQLite dialect. Keep in step with ../postgresql/V1__state.sql.
-- Instants are epoch milliseconds (UTC by definition), so no time zone can shift them.
-- No column holds a credential: secrets stay in the configuration (env and file references).

CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  company_id     TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  dry_run        INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
  started_at_ms  BIGINT  NOT NULL,
  finished_at_ms BIGINT  NOT NULL,
  exit_code      INTEGER NOT NULL,
  options        TEXT,
  report_json    TEXT
);
CREATE INDEX runs_by_company_newest_first ON runs (company_id, started_at_ms DESC, id DESC);

CREATE TABLE links (
  company_id   TEXT   NOT NULL,
  m365_id      TEXT   NOT NULL,
  knowbe4_id   TEXT   NOT NULL,
  email        TEXT,
  last_seen_ms BIGINT,
  PRIMARY KEY (company_id, m365_id)
);

CREATE TABLE managed_groups (
  company_id TEXT NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (company_id, name)
);

CREATE TABLE tickets (
  company_id   TEXT   NOT NULL,
  kind         TEXT   NOT NULL,
  ticket_id    TEXT   NOT NULL,
  system       TEXT   NOT NULL,
  opened_at_ms BIGINT NOT NULL,
  PRIMARY KEY (company_id, kind)
);
