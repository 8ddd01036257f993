package io.kb4sync.store;

import static io.kb4sync.store.Sql.instant;
import static io.kb4sync.store.Sql.setInstant;

import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.DashboardSession;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.PendingWrite;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateChanges;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TenantMapping;
import io.kb4sync.core.state.TokenRecord;
import io.kb4sync.core.training.Attribute;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The state store on SQLite or PostgreSQL through plain JDBC. One SQL text serves both dialects;
 * they differ only in their migrations, their pool and their {@link CompanyLocks}. Thread-safe.
 *
 * <p>Instants are stored as epoch milliseconds: they come back exactly to the millisecond whatever
 * the JVM's or the database session's time zone, and finer digits are dropped.
 *
 * <p>Obtain one from {@link StateStores#open(String, java.nio.file.Path)}.
 */
public final class JdbcStateStore implements StateStore, TicketMemory {

  private static final String UPSERT_LINK =
      "INSERT INTO links (company_id, m365_id, knowbe4_id, email, last_seen_ms)"
          + " VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (company_id, m365_id) DO UPDATE SET knowbe4_id = excluded.knowbe4_id,"
          + " email = excluded.email, last_seen_ms = excluded.last_seen_ms";

  private static final String UPSERT_TICKET =
      "INSERT INTO tickets (company_id, kind, ticket_id, system, opened_at_ms)"
          + " VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (company_id, kind) DO UPDATE SET ticket_id = excluded.ticket_id,"
          + " system = excluded.system, opened_at_ms = excluded.opened_at_ms";

  private final Dialect dialect;
  private final DataSource pool;
  private final AutoCloseable closePool;
  private final CompanyLocks locks;
  private final String description;
  private final StoreFaults faults;
  private final Set<CompanyLock> heldLocks = ConcurrentHashMap.newKeySet();
  private final JdbcDashboard dashboard = new JdbcDashboard(this);

  JdbcStateStore(
      Dialect dialect,
      DataSource pool,
      AutoCloseable closePool,
      CompanyLocks locks,
      String description,
      StoreFaults faults) {
    this.dialect = dialect;
    this.pool = pool;
    this.closePool = closePool;
    this.locks = locks;
    this.description = description;
    this.faults = faults;
  }

  @Override
  public CompanyState load(String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    return inTransaction(
        "load the state of company " + companyId,
        dialect.snapshotIsolation(),
        connection -> {
          Map<String, Link> links = new HashMap<>();
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT m365_id, knowbe4_id, email, last_seen_ms FROM links"
                      + " WHERE company_id = ?")) {
            ps.setString(1, companyId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Link link =
                    new Link(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4));
                links.put(link.m365Id(), link);
              }
            }
          }
          Set<String> groups = new HashSet<>();
          try (PreparedStatement ps =
              connection.prepareStatement("SELECT name FROM managed_groups WHERE company_id = ?")) {
            ps.setString(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                groups.add(rs.getString(1));
              }
            }
          }
          return new CompanyState(links, groups);
        });
  }

  /**
   * Upserts the links (when one m365 id appears twice, the later one wins) and replaces the managed
   * groups, in one transaction. Links not mentioned are kept.
   */
  @Override
  public void commit(String companyId, StateChanges changes) {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(changes, "changes");
    Map<String, Link> links = new LinkedHashMap<>();
    for (Link link : changes.links()) {
      links.put(link.m365Id(), link);
    }
    faults.beforeCommit("store the state of company " + companyId, description);
    inTransaction(
        "store the state of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(UPSERT_LINK)) {
            for (Link link : links.values()) {
              ps.setString(1, companyId);
              ps.setString(2, link.m365Id());
              ps.setString(3, link.knowbe4Id());
              ps.setString(4, link.email());
              setInstant(ps, 5, link.lastSeenInScope());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          if (!changes.forgottenLinks().isEmpty()) {
            try (PreparedStatement ps =
                connection.prepareStatement(
                    "DELETE FROM links WHERE company_id = ? AND m365_id = ?")) {
              for (String m365Id : changes.forgottenLinks()) {
                if (!links.containsKey(m365Id)) {
                  ps.setString(1, companyId);
                  ps.setString(2, m365Id);
                  ps.addBatch();
                }
              }
              ps.executeBatch();
            }
          }
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM managed_groups WHERE company_id = ?")) {
            ps.setString(1, companyId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO managed_groups (company_id, name) VALUES (?, ?)")) {
            for (String group : changes.managedGroups()) {
              ps.setString(1, companyId);
              ps.setString(2, group);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  // ---- writes not yet seen applied (V5) ----

  @Override
  public List<PendingWrite> pendingWrites(String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    return inTransaction(
        "read the pending writes of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          List<PendingWrite> writes = new ArrayList<>();
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT kind, knowbe4_id, m365_id, email, attribute, expected, first_sent_ms,"
                      + " last_sent_ms FROM pending_writes WHERE company_id = ?"
                      + " ORDER BY write_key")) {
            ps.setString(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String attribute = rs.getString(5);
                writes.add(
                    new PendingWrite(
                        PendingWrite.Kind.valueOf(
                            rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        attribute == null ? null : Attribute.valueOf(attribute),
                        rs.getString(6),
                        instant(rs, 7),
                        instant(rs, 8)));
              }
            }
          }
          return writes;
        });
  }

  @Override
  public void replacePendingWrites(String companyId, List<PendingWrite> writes) {
    Objects.requireNonNull(companyId, "companyId");
    Map<String, PendingWrite> byKey = new LinkedHashMap<>();
    writes.forEach(w -> byKey.put(w.key(), w));
    inTransaction(
        "store the pending writes of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM pending_writes WHERE company_id = ?")) {
            ps.setString(1, companyId);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO pending_writes (company_id, write_key, kind, knowbe4_id, m365_id,"
                      + " email, attribute, expected, first_sent_ms, last_sent_ms)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PendingWrite w : byKey.values()) {
              ps.setString(1, companyId);
              ps.setString(2, w.key());
              ps.setString(3, w.kind().id());
              ps.setString(4, w.knowbe4Id());
              ps.setString(5, w.m365Id());
              ps.setString(6, w.email());
              ps.setString(7, w.attribute() == null ? null : w.attribute().name());
              ps.setString(8, w.expected());
              setInstant(ps, 9, w.firstSentAt());
              setInstant(ps, 10, w.lastSentAt());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  // ---- request counts (V5): one row per counter and minute ----

  /** Counts older than this are deleted as new ones are added. */
  private static final Duration KEEP_COUNTS = Duration.ofDays(2);

  private static final String UPSERT_COUNT =
      "INSERT INTO request_counts (counter, minute_ms, requests) VALUES (?, ?, ?)"
          + " ON CONFLICT (counter, minute_ms) DO UPDATE SET"
          + " requests = request_counts.requests + excluded.requests";

  @Override
  public long requests(String counter, Instant since) {
    Objects.requireNonNull(counter, "counter");
    Objects.requireNonNull(since, "since");
    return inTransaction(
        "read the request count " + counter,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT COALESCE(SUM(requests), 0) FROM request_counts"
                      + " WHERE counter = ? AND minute_ms >= ?")) {
            ps.setString(1, counter);
            // Counted per minute: the minute that holds 'since' counts whole (never too low).
            ps.setLong(2, minute(since));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  @Override
  public void countRequests(String counter, Instant at, long count) {
    Objects.requireNonNull(counter, "counter");
    Objects.requireNonNull(at, "at");
    if (count <= 0) {
      return;
    }
    inTransaction(
        "count requests on " + counter,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(UPSERT_COUNT)) {
            ps.setString(1, counter);
            ps.setLong(2, minute(at));
            ps.setLong(3, count);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM request_counts WHERE minute_ms < ?")) {
            ps.setLong(1, minute(at.minus(KEEP_COUNTS)));
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static long minute(Instant at) {
    return at.toEpochMilli() - Math.floorMod(at.toEpochMilli(), 60_000L);
  }

  // ---- run history ----

  private static final String RUN_COLUMNS =
      "run_id, company_id, kind, dry_run, status, outcome, started_at_ms, finished_at_ms,"
          + " triggered_by, owner, options, report_json";

  private static final String INSERT_RUN =
      "INSERT INTO runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPSERT_RUN =
      INSERT_RUN
          + " ON CONFLICT (run_id) DO UPDATE SET company_id = excluded.company_id,"
          + " kind = excluded.kind, dry_run = excluded.dry_run, status = excluded.status,"
          + " outcome = excluded.outcome, started_at_ms = excluded.started_at_ms,"
          + " finished_at_ms = excluded.finished_at_ms, triggered_by = excluded.triggered_by,"
          + " owner = excluded.owner, options = excluded.options,"
          + " report_json = excluded.report_json";

  private static final String OPEN_STATUSES =
      "('" + RunStatus.QUEUED.id() + "', '" + RunStatus.RUNNING.id() + "')";

  @Override
  public void startRun(RunRecord run) {
    Objects.requireNonNull(run, "run");
    if (!run.status().open()) {
      throw new IllegalArgumentException(
          "run " + run.runId() + " has already ended (" + run.status() + "): import it instead");
    }
    inTransaction(
        "record the start of a run of company " + run.companyId(),
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(INSERT_RUN)) {
            bindRun(ps, run);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void finishRun(String runId, Outcome outcome, Instant finishedAt, String reportJson) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(finishedAt, "finishedAt");
    inTransaction(
        "record the end of run " + runId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE runs SET status = ?, outcome = ?, finished_at_ms = ?, report_json = ?"
                      + " WHERE run_id = ?")) {
            ps.setString(1, outcome.status().id());
            ps.setString(2, outcome.id());
            setInstant(ps, 3, finishedAt);
            ps.setString(4, reportJson);
            ps.setString(5, runId);
            if (ps.executeUpdate() == 0) {
              throw new NoSuchElementException("no run " + runId + " in the history");
            }
          }
          return null;
        });
  }

  @Override
  public boolean markRunning(String runId, Instant at, String owner) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(at, "at");
    return inTransaction(
        "record the start of queued run " + runId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE runs SET status = ?, started_at_ms = ?, owner = ?"
                      + " WHERE run_id = ? AND status = ?")) {
            ps.setString(1, RunStatus.RUNNING.id());
            setInstant(ps, 2, at);
            ps.setString(3, owner);
            ps.setString(4, runId);
            ps.setString(5, RunStatus.QUEUED.id());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean endRun(String runId, RunStatus expected, RunStatus status, Instant at) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(at, "at");
    StateStore.checkEnd(expected, status);
    return inTransaction(
        "record run " + runId + " " + status,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE runs SET status = ?, outcome = NULL, finished_at_ms = ?"
                      + " WHERE run_id = ? AND status = ?")) {
            ps.setString(1, status.id());
            setInstant(ps, 2, at);
            ps.setString(3, runId);
            ps.setString(4, expected.id());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Newest first: by start time, then by run id. */
  @Override
  public List<RunRecord> runs(RunQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.limit() == 0) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String column : RUN_COLUMNS.split(", ")) {
      sql.append(sql.length() > "SELECT ".length() ? ", r." : "r.").append(column);
    }
    sql.append(" FROM runs r");
    List<Object> parameters = new ArrayList<>();
    if (query.beforeRunId() != null) {
      // No such run: the join is empty, and so is the page.
      sql.append(", (SELECT started_at_ms AS s FROM runs WHERE run_id = ?) b");
      parameters.add(query.beforeRunId());
    }
    sql.append(" WHERE 1 = 1");
    if (query.companyId() != null) {
      sql.append(" AND r.company_id = ?");
      parameters.add(query.companyId());
    }
    if (query.kind() != null) {
      sql.append(" AND r.kind = ?");
      parameters.add(query.kind());
    }
    if (query.beforeRunId() != null) {
      sql.append(" AND (r.started_at_ms < b.s OR (r.started_at_ms = b.s AND r.run_id < ?))");
      parameters.add(query.beforeRunId());
    }
    sql.append(" ORDER BY r.started_at_ms DESC, r.run_id DESC LIMIT ?");
    parameters.add(query.limit());
    return inTransaction(
        "read the run history",
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
              ps.setObject(i + 1, parameters.get(i));
            }
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                runs.add(readRun(rs));
              }
            }
            return List.copyOf(runs);
          }
        });
  }

  @Override
  public Optional<RunRecord> run(String runId) {
    Objects.requireNonNull(runId, "runId");
    return inTransaction(
        "read run " + runId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(readRun(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public int abandonDeadRuns(Predicate<String> ownerAlive, Instant at) {
    Objects.requireNonNull(ownerAlive, "ownerAlive");
    Objects.requireNonNull(at, "at");
    return inTransaction(
        "mark the runs of dead processes abandoned",
        Connection.TRANSACTION_NONE,
        connection -> {
          Map<String, String> open = new LinkedHashMap<>();
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT run_id, owner FROM runs WHERE status IN " + OPEN_STATUSES)) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                open.put(rs.getString(1), rs.getString(2));
              }
            }
          }
          int abandoned = 0;
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE runs SET status = ?, outcome = NULL, finished_at_ms = ?"
                      + " WHERE run_id = ? AND status IN "
                      + OPEN_STATUSES)) {
            for (Map.Entry<String, String> run : open.entrySet()) {
              if (!ownerAlive.test(run.getValue())) {
                ps.setString(1, RunStatus.ABANDONED.id());
                setInstant(ps, 2, at);
                ps.setString(3, run.getKey());
                abandoned += ps.executeUpdate();
              }
            }
          }
          return abandoned;
        });
  }

  @Override
  public int pruneRuns(Instant before) {
    Objects.requireNonNull(before, "before");
    return inTransaction(
        "prune the run history",
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "DELETE FROM runs WHERE started_at_ms < ? AND status NOT IN " + OPEN_STATUSES)) {
            setInstant(ps, 1, before);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void importRuns(List<RunRecord> runs) {
    Objects.requireNonNull(runs, "runs");
    // One row per run id, the later winning: a batched upsert may not touch a row twice.
    Map<String, RunRecord> byId = new LinkedHashMap<>();
    for (RunRecord run : runs) {
      byId.remove(run.runId());
      byId.put(run.runId(), run);
    }
    if (byId.isEmpty()) {
      return;
    }
    inTransaction(
        "import " + byId.size() + " runs",
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(UPSERT_RUN)) {
            for (RunRecord run : byId.values()) {
              bindRun(ps, run);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  private static void bindRun(PreparedStatement ps, RunRecord run) throws SQLException {
    ps.setString(1, run.runId());
    ps.setString(2, run.companyId());
    ps.setString(3, run.kind());
    ps.setBoolean(4, run.dryRun());
    ps.setString(5, run.status().id());
    ps.setString(6, run.outcome() == null ? null : run.outcome().id());
    setInstant(ps, 7, run.startedAt());
    setInstant(ps, 8, run.finishedAt());
    ps.setString(9, run.trigger());
    ps.setString(10, run.owner());
    ps.setString(11, run.options());
    ps.setString(12, run.reportJson());
  }

  private static RunRecord readRun(ResultSet rs) throws SQLException {
    String runId = rs.getString(1);
    String status = rs.getString(5);
    String outcome = rs.getString(6);
    return new RunRecord(
        runId,
        rs.getString(2),
        rs.getString(3),
        rs.getBoolean(4),
        RunStatus.fromId(status)
            .orElseThrow(() -> new SQLException("run " + runId + ": unknown status " + status)),
        outcome == null
            ? null
            : Outcome.fromId(outcome)
                .orElseThrow(
                    () -> new SQLException("run " + runId + ": unknown outcome " + outcome)),
        instant(rs, 7),
        instant(rs, 8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12));
  }

  // ---- API tokens ----

  private static final String TOKEN_COLUMNS =
      "name, role, sha256, created_at_ms, expires_at_ms, last_used_at_ms";

  @Override
  public boolean saveToken(TokenRecord token) {
    Objects.requireNonNull(token, "token");
    return inTransaction(
        "store API token " + token.name(),
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO api_tokens ("
                      + TOKEN_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, token.name());
            ps.setString(2, token.role());
            ps.setString(3, token.hash());
            setInstant(ps, 4, token.created());
            setInstant(ps, 5, token.expires());
            setInstant(ps, 6, token.lastUsed());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** By name, in code point order. */
  @Override
  public List<TokenRecord> tokens() {
    return inTransaction(
        "read the API tokens",
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT " + TOKEN_COLUMNS + " FROM api_tokens ORDER BY name")) {
            List<TokenRecord> tokens = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                tokens.add(readToken(rs));
              }
            }
            return List.copyOf(tokens);
          }
        });
  }

  @Override
  public Optional<TokenRecord> tokenByHash(String hash) {
    Objects.requireNonNull(hash, "hash");
    return inTransaction(
        "read an API token",
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE sha256 = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(readToken(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean revokeToken(String name) {
    Objects.requireNonNull(name, "name");
    return inTransaction(
        "revoke API token " + name,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM api_tokens WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void tokenUsed(String name, Instant at) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    inTransaction(
        "record the use of API token " + name,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE api_tokens SET last_used_at_ms = ? WHERE name = ?")) {
            setInstant(ps, 1, at);
            ps.setString(2, name);
            ps.executeUpdate();
          }
          return null;
        });
  }

  // ---- tenant mappings ----

  @Override
  public void mapTenant(TenantMapping mapping) {
    Objects.requireNonNull(mapping, "mapping");
    inTransaction(
        "store the tenant of company " + mapping.companyId(),
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO tenant_mappings (company_id, tenant_id, mapped_at_ms)"
                      + " VALUES (?, ?, ?) ON CONFLICT (company_id) DO UPDATE SET"
                      + " tenant_id = excluded.tenant_id, mapped_at_ms = excluded.mapped_at_ms")) {
            ps.setString(1, mapping.companyId());
            ps.setString(2, mapping.tenantId());
            setInstant(ps, 3, mapping.mappedAt());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean unmapTenant(String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    return inTransaction(
        "forget the tenant of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM tenant_mappings WHERE company_id = ?")) {
            ps.setString(1, companyId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Optional<TenantMapping> tenantMapping(String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    return tenantMappings("WHERE company_id = ?", companyId).stream().findFirst();
  }

  /** By company id, in code point order. */
  @Override
  public List<TenantMapping> tenantMappings() {
    return tenantMappings("", null);
  }

  private List<TenantMapping> tenantMappings(String where, String companyId) {
    return inTransaction(
        "read the tenant mappings",
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT company_id, tenant_id, mapped_at_ms FROM tenant_mappings "
                      + where
                      + " ORDER BY company_id")) {
            if (companyId != null) {
              ps.setString(1, companyId);
            }
            List<TenantMapping> mappings = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                mappings.add(new TenantMapping(rs.getString(1), rs.getString(2), instant(rs, 3)));
              }
            }
            return List.copyOf(mappings);
          }
        });
  }

  // ---- the dashboard (JdbcDashboard) ----

  @Override
  public boolean saveAccount(DashboardAccount account) {
    return dashboard.saveAccount(account);
  }

  @Override
  public Optional<DashboardAccount> putEntraAccount(DashboardAccount account) {
    return dashboard.putEntraAccount(account);
  }

  @Override
  public Optional<DashboardAccount> account(String name) {
    return dashboard.account(name);
  }

  /** By name, in code point order. */
  @Override
  public List<DashboardAccount> accounts() {
    return dashboard.accounts();
  }

  @Override
  public boolean disableAccount(String name) {
    return dashboard.disableAccount(name);
  }

  @Override
  public void signedIn(String name, Instant at) {
    dashboard.signedIn(name, at);
  }

  @Override
  public void saveSession(DashboardSession session) {
    dashboard.saveSession(session);
  }

  @Override
  public Optional<DashboardSession> session(String hash) {
    return dashboard.session(hash);
  }

  @Override
  public void sessionSeen(String hash, Instant at) {
    dashboard.sessionSeen(hash, at);
  }

  @Override
  public void deleteSession(String hash) {
    dashboard.deleteSession(hash);
  }

  @Override
  public int deleteSessionsOf(String name) {
    return dashboard.deleteSessionsOf(name);
  }

  @Override
  public int deleteSessions(Instant seenBefore, Instant createdBefore) {
    return dashboard.deleteSessions(seenBefore, createdBefore);
  }

  @Override
  public void recordAdminAction(AdminEntry entry) {
    dashboard.recordAdminAction(entry);
  }

  @Override
  public List<AdminEntry> adminActions(String action, Instant from, Instant to) {
    return dashboard.adminActions(action, from, to);
  }

  @Override
  public List<AdminEntry> newestAdminActions(String action, int limit) {
    return dashboard.newestAdminActions(action, limit);
  }

  private static TokenRecord readToken(ResultSet rs) throws SQLException {
    return new TokenRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        instant(rs, 4),
        instant(rs, 5),
        instant(rs, 6));
  }

  /**
   * Takes the company's lock without waiting; see {@link FileCompanyLocks} (SQLite) and {@link
   * AdvisoryCompanyLocks} (PostgreSQL). Closing the store releases the locks still held.
   */
  @Override
  public CompanyLock lock(String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    CompanyLock lock = locks.tryLock(companyId);
    CompanyLock tracked =
        new CompanyLock() {
          @Override
          public String lost() {
            return lock.lost();
          }

          @Override
          public String checkNow() {
            return lock.checkNow();
          }

          @Override
          public void close() {
            heldLocks.remove(this);
            lock.close();
          }

          @Override
          public String toString() {
            return lock.toString();
          }
        };
    heldLocks.add(tracked);
    return tracked;
  }

  @Override
  public Optional<String> openTicket(String companyId, String kind) {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(kind, "kind");
    return inTransaction(
        "read the open ticket of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT ticket_id FROM tickets WHERE company_id = ? AND kind = ?")) {
            ps.setString(1, companyId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void rememberTicket(String companyId, String kind, String system, String ticketId) {
    rememberTicket(companyId, kind, ticketId, system, Instant.now());
  }

  /**
   * Remembers a ticket opened at a given time; replaces any ticket of the same company and kind.
   */
  public void rememberTicket(
      String companyId, String kind, String ticketId, String system, Instant openedAt) {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(openedAt, "openedAt");
    inTransaction(
        "remember the ticket of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(UPSERT_TICKET)) {
            ps.setString(1, companyId);
            ps.setString(2, kind);
            ps.setString(3, ticketId);
            ps.setString(4, system);
            setInstant(ps, 5, openedAt);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void forgetTicket(String companyId, String kind) {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(kind, "kind");
    inTransaction(
        "forget the ticket of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "DELETE FROM tickets WHERE company_id = ? AND kind = ?")) {
            ps.setString(1, companyId);
            ps.setString(2, kind);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Releases the locks still held, then closes the pool. */
  @Override
  public void close() {
    for (CompanyLock lock : List.copyOf(heldLocks)) {
      lock.close();
    }
    try {
      closePool.close();
    } catch (Exception e) {
      throw new StateStoreException("state: cannot close " + description + ": " + e, e);
    }
  }

  /** The store's location with any password masked. */
  @Override
  public String toString() {
    return description;
  }

  /** The pool, for tests that inspect the schema or the session. */
  DataSource pool() {
    return pool;
  }

  /** True for PostgreSQL, which several processes on several machines may share. */
  public boolean shared() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** Runs {@code work} in one transaction on a pooled connection (service mode's tables). */
  <T> T withConnection(String what, SqlWork<T> work) {
    return inTransaction(what, Connection.TRANSACTION_NONE, work);
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work in one transaction: committed when it returns, rolled back when it throws.
   *
   * @param isolation a {@code Connection.TRANSACTION_*} level, or {@code TRANSACTION_NONE} for the
   *     database's default
   */
  private <T> T inTransaction(String what, int isolation, SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      if (isolation != Connection.TRANSACTION_NONE) {
        connection.setTransactionIsolation(isolation);
      }
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StateStoreException(
          "state: cannot " + what + " in " + description + ": " + StateStores.reason(e), e);
    }
  }
}
