-- Service mode (kb4sync serve, docs/service.md). Keep in step with ../postgresql/V4__service.sql.
-- scheduled_tasks is db-scheduler's own table, copied from its SQLite DDL (16.12.0): one row per
-- (task, instance): (sync, company id), (audit, company id), (queued-run, run id). picked_by holds
-- the picking node's name, which is the owner of the runs it records: widened from varchar(50)
-- (SQLite does not enforce it anyway).

create table scheduled_tasks (
    task_name varchar(100),
    task_instance varchar(100),
    task_data blob,
    execution_time TIMESTAMP,
    picked BIT,
    picked_by varchar(200),
    last_success TIMESTAMP,
    last_failure TIMESTAMP,
    consecutive_failures INT,
    last_heartbeat TIMESTAMP,
    version BIGINT,
    priority SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

CREATE TABLE service_nodes (
  node            TEXT   NOT NULL PRIMARY KEY,
  config_hash     TEXT   NOT NULL,
  started_at_ms   BIGINT NOT NULL,
  heartbeat_at_ms BIGINT NOT NULL
);

CREATE TABLE paused_companies (
  company_id   TEXT   NOT NULL PRIMARY KEY,
  paused_at_ms BIGINT NOT NULL,
  paused_by    TEXT
);
