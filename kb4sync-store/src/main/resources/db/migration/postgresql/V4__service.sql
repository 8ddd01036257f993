-- Service mode (kb4sync serve, docs/service.md). Keep in step with ../sqlite/V4__service.sql.
-- scheduled_tasks is db-scheduler's own table, copied from its PostgreSQL DDL (16.12.0): one row per
-- (task, instance): (sync, company id), (audit, company id), (queued-run, run id). picked_by holds
-- the picking node's name, which is the owner of the runs it records (text, as in that DDL).

create table scheduled_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked BOOLEAN not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures INT,
  last_heartbeat timestamp with time zone,
  version BIGINT not null,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- The nodes of the cluster: each writes its heartbeat and the hash of its configuration file, so
-- /readyz can name the nodes whose configuration differs.
CREATE TABLE service_nodes (
  node            TEXT   NOT NULL PRIMARY KEY,
  config_hash     TEXT   NOT NULL,
  started_at_ms   BIGINT NOT NULL,
  heartbeat_at_ms BIGINT NOT NULL
);

-- Paused companies, shared by every node.
CREATE TABLE paused_companies (
  company_id   TEXT   NOT NULL PRIMARY KEY,
  paused_at_ms BIGINT NOT NULL,
  paused_by    TEXT
);
