package io.kb4sync.store;

import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.DashboardSession;
import io.kb4sync.core.state.DashboardStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dashboard's tables (V7: {@code dashboard_accounts}, {@code dashboard_sessions}, {@code
 * admin_actions}) for {@link JdbcStateStore}; the same SQL on SQLite and PostgreSQL.
 */
final class JdbcDashboard implements DashboardStore {

  private static final String ACCOUNT_COLUMNS =
      "name, role, source, phc_hash, disabled, created_at_ms, last_sign_in_at_ms";
  private static final String SESSION_COLUMNS =
      "sha256, name, role, created_at_ms, last_seen_at_ms";

  private final JdbcStateStore store;

  JdbcDashboard(JdbcStateStore store) {
    this.store = store;
  }

  @Override
  public boolean saveAccount(DashboardAccount account) {
    Objects.requireNonNull(account, "account");
    return store.withConnection(
        "store dashboard user " + account.name(),
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO dashboard_accounts ("
                      + ACCOUNT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            bindAccount(ps, account);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<DashboardAccount> putEntraAccount(DashboardAccount account) {
    Objects.requireNonNull(account, "account");
    if (!account.source().equals(DashboardAccount.ENTRA)) {
      throw new IllegalArgumentException("not an Entra ID account: " + account.name());
    }
    return store.withConnection(
        "record dashboard user " + account.name(),
        connection -> {
          // One statement, so that two nodes signing the same person in at once agree.
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO dashboard_accounts ("
                      + ACCOUNT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                      + " role = excluded.role WHERE dashboard_accounts.source = 'entra'")) {
            bindAccount(ps, account);
            if (ps.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return account(connection, account.name());
        });
  }

  @Override
  public Optional<DashboardAccount> account(String name) {
    Objects.requireNonNull(name, "name");
    return store.withConnection("read dashboard user " + name, c -> account(c, name));
  }

  private static Optional<DashboardAccount> account(Connection connection, String name)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT " + ACCOUNT_COLUMNS + " FROM dashboard_accounts WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readAccount(rs)) : Optional.empty();
      }
    }
  }

  /** By name, in code point order. */
  @Override
  public List<DashboardAccount> accounts() {
    return store.withConnection(
        "read the dashboard users",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT " + ACCOUNT_COLUMNS + " FROM dashboard_accounts ORDER BY name")) {
            List<DashboardAccount> accounts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                accounts.add(readAccount(rs));
              }
            }
            return List.copyOf(accounts);
          }
        });
  }

  @Override
  public boolean disableAccount(String name) {
    Objects.requireNonNull(name, "name");
    return store.withConnection(
        "disable dashboard user " + name,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE dashboard_accounts SET disabled = ? WHERE name = ?")) {
            ps.setBoolean(1, true);
            ps.setString(2, name);
            if (ps.executeUpdate() == 0) {
              return false;
            }
          }
          deleteSessionsOf(connection, name);
          return true;
        });
  }

  @Override
  public void signedIn(String name, Instant at) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    store.withConnection(
        "record the sign-in of dashboard user " + name,
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE dashboard_accounts SET last_sign_in_at_ms = ? WHERE name = ?")) {
            setInstant(ps, 1, at);
            ps.setString(2, name);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void saveSession(DashboardSession session) {
    Objects.requireNonNull(session, "session");
    store.withConnection(
        "store a dashboard session of " + session.name(),
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO dashboard_sessions ("
                      + SESSION_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, session.hash());
            ps.setString(2, session.name());
            ps.setString(3, session.role());
            setInstant(ps, 4, session.created());
            setInstant(ps, 5, session.lastSeen());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<DashboardSession> session(String hash) {
    Objects.requireNonNull(hash, "hash");
    return store.withConnection(
        "read a dashboard session",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT " + SESSION_COLUMNS + " FROM dashboard_sessions WHERE sha256 = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new DashboardSession(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          instant(rs, 4),
                          instant(rs, 5)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void sessionSeen(String hash, Instant at) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
    store.withConnection(
        "record the use of a dashboard session",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "UPDATE dashboard_sessions SET last_seen_at_ms = ? WHERE sha256 = ?")) {
            setInstant(ps, 1, at);
            ps.setString(2, hash);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void deleteSession(String hash) {
    Objects.requireNonNull(hash, "hash");
    store.withConnection(
        "end a dashboard session",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM dashboard_sessions WHERE sha256 = ?")) {
            ps.setString(1, hash);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int deleteSessionsOf(String name) {
    Objects.requireNonNull(name, "name");
    return store.withConnection(
        "end the dashboard sessions of " + name, connection -> deleteSessionsOf(connection, name));
  }

  private static int deleteSessionsOf(Connection connection, String name) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("DELETE FROM dashboard_sessions WHERE name = ?")) {
      ps.setString(1, name);
      return ps.executeUpdate();
    }
  }

  @Override
  public int deleteSessions(Instant seenBefore, Instant createdBefore) {
    Objects.requireNonNull(seenBefore, "seenBefore");
    Objects.requireNonNull(createdBefore, "createdBefore");
    return store.withConnection(
        "delete expired dashboard sessions",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "DELETE FROM dashboard_sessions WHERE last_seen_at_ms < ? OR created_at_ms < ?")) {
            setInstant(ps, 1, seenBefore);
            setInstant(ps, 2, createdBefore);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void recordAdminAction(AdminEntry entry) {
    Objects.requireNonNull(entry, "entry");
    store.withConnection(
        "record admin action " + entry.action(),
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO admin_actions (at_ms, actor, action, company_id, detail)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            setInstant(ps, 1, entry.at());
            ps.setString(2, entry.actor());
            ps.setString(3, entry.action());
            ps.setString(4, entry.companyId());
            ps.setString(5, entry.detail());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<AdminEntry> adminActions(String action, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return store.withConnection(
        "read the admin actions",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT at_ms, actor, action, company_id, detail FROM admin_actions"
                      + " WHERE at_ms >= ? AND at_ms < ?"
                      + (action == null ? "" : " AND action = ?")
                      + " ORDER BY at_ms, id")) {
            setInstant(ps, 1, from);
            setInstant(ps, 2, to);
            if (action != null) {
              ps.setString(3, action);
            }
            List<AdminEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                entries.add(
                    new AdminEntry(
                        instant(rs, 1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)));
              }
            }
            return List.copyOf(entries);
          }
        });
  }

  private static void bindAccount(PreparedStatement ps, DashboardAccount account)
      throws SQLException {
    ps.setString(1, account.name());
    ps.setString(2, account.role());
    ps.setString(3, account.source());
    ps.setString(4, account.phcHash());
    ps.setBoolean(5, account.disabled());
    setInstant(ps, 6, account.created());
    setInstant(ps, 7, account.lastSignIn());
  }

  private static DashboardAccount readAccount(ResultSet rs) throws SQLException {
    return new DashboardAccount(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getBoolean(5),
        instant(rs, 6),
        instant(rs, 7));
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
