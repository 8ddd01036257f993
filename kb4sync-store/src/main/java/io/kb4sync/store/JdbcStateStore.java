package io.kb4sync.store;

import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateChanges;
import io.kb4sync.core.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Set<CompanyLock> heldLocks = ConcurrentHashMap.newKeySet();

  JdbcStateStore(
      Dialect dialect,
      DataSource pool,
      AutoCloseable closePool,
      CompanyLocks locks,
      String description) {
    this.dialect = dialect;
    this.pool = pool;
    this.closePool = closePool;
    this.locks = locks;
    this.description = description;
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

  @Override
  public void recordRun(RunRecord run) {
    Objects.requireNonNull(run, "run");
    inTransaction(
        "record a run of company " + run.companyId(),
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO runs (company_id, kind, dry_run, started_at_ms, finished_at_ms,"
                      + " exit_code, options, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, run.companyId());
            ps.setString(2, run.kind());
            ps.setBoolean(3, run.dryRun());
            setInstant(ps, 4, run.startedAt());
            setInstant(ps, 5, run.finishedAt());
            ps.setInt(6, run.exitCode());
            ps.setString(7, run.options());
            ps.setString(8, run.reportJson());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Newest first: by start time, then by the order they were recorded.
   *
   * @param limit at most this many; 0 gives an empty list
   * @throws IllegalArgumentException when the limit is negative
   */
  @Override
  public List<RunRecord> runs(String companyId, int limit) {
    Objects.requireNonNull(companyId, "companyId");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return inTransaction(
        "read the runs of company " + companyId,
        Connection.TRANSACTION_NONE,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT company_id, kind, dry_run, started_at_ms, finished_at_ms, exit_code,"
                      + " options, report_json FROM runs WHERE company_id = ?"
                      + " ORDER BY started_at_ms DESC, id DESC LIMIT ?")) {
            ps.setString(1, companyId);
            ps.setInt(2, limit);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                runs.add(
                    new RunRecord(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBoolean(3),
                        instant(rs, 4),
                        instant(rs, 5),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getString(8)));
              }
            }
            return List.copyOf(runs);
          }
        });
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

  @FunctionalInterface
  private interface SqlWork<T> {
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

  private static void setInstant(PreparedStatement ps, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, instant.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    long millis = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
