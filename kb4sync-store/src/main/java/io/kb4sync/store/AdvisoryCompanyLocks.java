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
 */
final class AdvisoryCompanyLocks implements CompanyLocks {

  /** "kb4s" in ASCII: the first key of every kb4sync advisory lock. */
  static final int NAMESPACE = 0x6b623473;

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
      keepIdleSessionOpen(session);
      try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        ps.setInt(1, NAMESPACE);
        ps.setInt(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            Connection held = session;
            session = null;
            return new Held(held, key);
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

  private static final class Held implements CompanyLock {
    private final Connection session;
    private final int key;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Held(Connection session, int key) {
      this.session = session;
      this.key = key;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
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

    @Override
    public String toString() {
      return "advisory lock (" + NAMESPACE + ", " + key + ")";
    }
  }
}
