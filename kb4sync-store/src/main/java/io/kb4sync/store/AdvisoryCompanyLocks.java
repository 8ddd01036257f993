package io.kb4sync.store;

import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * PostgreSQL's company locks: a session-level advisory lock, {@code pg_try_advisory_lock(int,
 * int)}, on a connection of its own, outside the pool, held until the lock is closed. The server
 * drops it when that session ends, so a killed run's lock goes with its TCP connection.
 *
 * <p>Key: ({@link #NAMESPACE}, the first 32 bits of SHA-256 of the company id). The namespace keeps
 * clear of other applications' advisory locks in a shared database. Two company ids share a key
 * with probability about n²/2³³ (one in 8,600 for 1,000 companies); when they do, those two
 * companies cannot be synced at the same moment, which is refused and reported, never unsafe.
 *
 * <p>A session can end while its process lives (the server restarts, an administrator or a pooler
 * ends it, the network drops): the lock is then free for another run. Each held lock is checked on
 * its own session, every {@link #HEARTBEAT_PERIOD} in the background ({@link CompanyLock#lost()})
 * and at once on {@link CompanyLock#checkNow()}; see kb4sync-store/README.md for the guarantee.
 */
final class AdvisoryCompanyLocks implements CompanyLocks {

  /** "kb4s" in ASCII: the first key of every kb4sync advisory lock. */
  static final int NAMESPACE = 0x6b623473;

  /** How often a held lock's session is checked in the background. */
  static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(2);

  /** How long one check may take before the session counts as gone. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  /** Whether this session holds the lock: keys as pg_locks shows them (unsigned oids). */
  private static final String HOLDS_LOCK =
      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
          + " AND granted AND objsubid = 2 AND classid::bigint = ? AND objid::bigint = ?";

  /** One daemon thread checks every held lock of the process in turn. */
  private static final ScheduledExecutorService HEARTBEAT_THREAD =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "kb4sync-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  private final DataSource unpooled;
  private final String where;

  AdvisoryCompanyLocks(DataSource unpooled, String where) {
    this.unpooled = unpooled;
    this.where = where;
  }

  static int key(String companyId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(companyId.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public CompanyLock tryLock(String companyId) {
    int key = key(companyId);
    Connection session = null;
    try {
      session = unpooled.getConnection();
      session.setAutoCommit(true);
      // A silent network fails a check after this long instead of hanging it.
      session.setNetworkTimeout(Runnable::run, (int) CHECK_TIMEOUT.toMillis());
      keepIdleSessionOpen(session);
      try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        ps.setInt(1, NAMESPACE);
        ps.setInt(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            Held held = new Held(session, companyId, key);
            session = null;
            held.startHeartbeat();
            return held;
          }
        }
      }
      throw new CompanyLockedException(companyId);
    } catch (SQLException e) {
      throw new StateStoreException(
          "state: cannot take the lock of company "
              + companyId
              + " in "
              + where
              + ": "
              + StateStores.reason(e),
          e);
    } finally {
      closeQuietly(session);
    }
  }

  /**
   * The lock session idles for the whole run; a server-wide {@code idle_session_timeout} (some
   * managed services set one) would end it and silently free the lock. PostgreSQL before 14 has no
   * such setting and refuses the SET, which is then harmless.
   */
  private static void keepIdleSessionOpen(Connection session) {
    try (Statement statement = session.createStatement()) {
      statement.execute("SET idle_session_timeout = 0");
    } catch (SQLException olderServer) {
      // Nothing to disable.
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The server ends the session, and its locks, when the socket goes.
      }
    }
  }

  /**
   * A held lock and its session. A heartbeat on {@link #HEARTBEAT_THREAD} checks the session every
   * {@link #HEARTBEAT_PERIOD}; {@link #checkNow()} checks at once. Once lost, lost for good.
   */
  private static final class Held implements CompanyLock {
    private final Connection session;
    private final String companyId;
    private final int key;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile String lost;
    private volatile ScheduledFuture<?> heartbeat;

    Held(Connection session, String companyId, int key) {
      this.session = session;
      this.companyId = companyId;
      this.key = key;
    }

    void startHeartbeat() {
      long period = HEARTBEAT_PERIOD.toMillis();
      heartbeat =
          HEARTBEAT_THREAD.scheduleWithFixedDelay(
              this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public String lost() {
      return lost;
    }

    @Override
    public String checkNow() {
      check();
      return lost;
    }

    private void heartbeat() {
      try {
        check();
      } catch (RuntimeException | Error e) {
        // A scheduled task that throws is never run again: record it as lost instead.
        lost = "the check of the lock of company " + companyId + " failed: " + e;
      }
    }

    /**
     * Asks the lock's own session whether it still holds the lock. A failed query (the session was
     * ended by the server, the connection dropped, no answer within {@link #CHECK_TIMEOUT}) or a
     * lock missing from {@code pg_locks} marks the lock lost.
     */
    private synchronized void check() {
      if (lost != null || !open.get()) {
        return;
      }
      String reason;
      try (PreparedStatement ps = session.prepareStatement(HOLDS_LOCK)) {
        ps.setQueryTimeout((int) CHECK_TIMEOUT.toSeconds());
        ps.setLong(1, Integer.toUnsignedLong(NAMESPACE));
        ps.setLong(2, Integer.toUnsignedLong(key));
        try (ResultSet rs = ps.executeQuery()) {
          reason =
              rs.next() && rs.getLong(1) > 0
                  ? null
                  : "the PostgreSQL lock of company "
                      + companyId
                      + " is no longer held by its session";
        }
      } catch (SQLException e) {
        reason =
            "the PostgreSQL session holding the lock of company "
                + companyId
                + " failed: "
                + StateStores.reason(e);
      }
      if (reason != null && open.get()) {
        lost = reason;
        stopHeartbeat();
      }
    }

    private void stopHeartbeat() {
      ScheduledFuture<?> running = heartbeat;
      if (running != null) {
        running.cancel(false);
      }
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        stopHeartbeat();
        synchronized (this) {
          try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            ps.execute();
          } catch (SQLException ignored) {
            // Closing the session below releases it all the same.
          } finally {
            closeQuietly(session);
          }
        }
      }
    }

    @Override
    public String toString() {
      return "advisory lock (" + NAMESPACE + ", " + key + ")";
    }
  }
}
