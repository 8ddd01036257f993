-- Run history from a run's first second (docs/history.md). Keep in step with
-- ../sqlite/V2__run_history.sql.
-- A run is recorded when it starts (status running, no outcome), and ended with its outcome; a run
-- whose process died is marked abandoned by a later process, using its owner (host, pid, start).
-- Runs recorded before this migration had all ended: their outcome follows from their exit code,
-- their trigger was the command line, their run_id is made from their old row number (so runs that
-- started in the same millisecond keep their order), and they have no owner.
-- run_id sorts by code point (COLLATE "C") whatever the database's collation, as in SQLite.

CREATE TABLE runs_v2 (
  run_id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  company_id     TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  dry_run        BOOLEAN NOT NULL,
  status         TEXT    NOT NULL
                 CHECK (status IN ('queued', 'running', 'finished', 'failed', 'abandoned', 'skipped')),
  outcome        TEXT,
  started_at_ms  BIGINT  NOT NULL,
  finished_at_ms BIGINT,
  triggered_by   TEXT    NOT NULL,
  owner          TEXT,
  options        TEXT,
  report_json    TEXT
);

INSERT INTO runs_v2 (run_id, company_id, kind, dry_run, status, outcome, started_at_ms,
                     finished_at_ms, triggered_by, owner, options, report_json)
SELECT 'legacy-' || lpad(id::text, 12, '0'),
       company_id,
       kind,
       dry_run,
       CASE WHEN exit_code IN (0, 3, 4) THEN 'finished' ELSE 'failed' END,
       CASE exit_code WHEN 0 THEN 'ok' WHEN 3 THEN 'partial' WHEN 4 THEN 'held'
                      WHEN 2 THEN 'config_error' ELSE 'failed' END,
       started_at_ms,
       finished_at_ms,
       'cli',
       NULL,
       options,
       report_json
  FROM runs;

DROP TABLE runs;
ALTER TABLE runs_v2 RENAME TO runs;
ALTER TABLE runs RENAME CONSTRAINT runs_v2_pkey TO runs_pkey;

CREATE INDEX runs_newest_first ON runs (started_at_ms DESC, run_id DESC);
CREATE INDEX runs_by_company_newest_first ON runs (company_id, started_at_ms DESC, run_id DESC);
CREATE INDEX runs_open ON runs (status) WHERE status IN ('queued', 'running');
