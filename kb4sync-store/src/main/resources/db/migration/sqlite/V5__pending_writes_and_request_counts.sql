-- Writes KnowBe4 accepted but a later run has not yet seen applied (SCIM Test Mode, the 15-minute
-- rule; docs/knowbe4.md), and requests counted per counter over time (the Reporting API's daily
-- allowance per account). Keep in step with ../postgresql/V5__pending_writes_and_request_counts.sql.
-- V3 and V4 belong to other changes; this file only adds tables of its own.
-- No column holds a credential: a counter is named by a digest, never by a key.

CREATE TABLE pending_writes (
  company_id     TEXT   NOT NULL,
  write_key      TEXT   NOT NULL,
  kind           TEXT   NOT NULL CHECK (kind IN ('create', 'archive', 'restore', 'update')),
  knowbe4_id     TEXT   NOT NULL,
  m365_id        TEXT,
  email          TEXT,
  attribute      TEXT,
  expected       TEXT,
  first_sent_ms  BIGINT NOT NULL,
  last_sent_ms   BIGINT NOT NULL,
  PRIMARY KEY (company_id, write_key)
);

CREATE TABLE request_counts (
  counter   TEXT   NOT NULL,
  minute_ms BIGINT NOT NULL,
  requests  BIGINT NOT NULL,
  PRIMARY KEY (counter, minute_ms)
);
