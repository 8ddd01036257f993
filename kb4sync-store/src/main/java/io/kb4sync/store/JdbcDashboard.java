package io.kb4sync.store;

import static io.kb4sync.store.Sql.instant;

import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.DashboardSession;
import io.kb4sync.core.state.DashboardStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
  private static final String INSERT_ACCOUNT =
      "INSERT INTO dashboard_accounts (" + ACCOUNT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_ACCOUNTS =
      "SELECT " + ACCOUNT_COLUMNS + " FROM dashboard_accounts";
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
        c ->
            Sql.update(c, INSERT_ACCOUNT + " ON CONFLICT (name) DO NOTHING", values(account)) == 1);
  }

  @Override
  public Optional<DashboardAccount> putEntraAccount(DashboardAccount account) {
    Objects.requireNonNull(account, "account");
    if (!account.source().equals(DashboardAccount.ENTRA)) {
      throw new IllegalArgumentException("not an Entra ID account: " + account.name());
    }
    return store.withConnection(
        "record dashboard user " + account.name(),
        c -> {
          // One statement, so that two nodes signing the same person in at once agree.
          int changed =
              Sql.update(
                  c,
                  INSERT_ACCOUNT
                      + " ON CONFLICT (name) DO UPDATE SET role = excluded.role"
                      + " WHERE dashboard_accounts.source = 'entra'",
                  values(account));
          return changed == 0 ? Optional.<DashboardAccount>empty() : account(c, account.name());
        });
  }

  @Override
  public Optional<DashboardAccount> account(String name) {
    Objects.requireNonNull(name, "name");
    return store.withConnection("read dashboard user " + name, c -> account(c, name));
  }

  private static Optional<DashboardAccount> account(Connection c, String name) throws SQLException {
    return Sql.first(c, SELECT_ACCOUNTS + " WHERE name = ?", JdbcDashboard::readAccount, name);
  }

  /** By name, in code point order. */
  @Override
  public List<DashboardAccount> accounts() {
    return store.withConnection(
        "read the dashboard users",
        c -> Sql.list(c, SELECT_ACCOUNTS + " ORDER BY name", JdbcDashboard::readAccount));
  }

  @Override
  public boolean disableAccount(String name) {
    Objects.requireNonNull(name, "name");
    return store.withConnection(
        "disable dashboard user " + name,
        c -> {
          if (Sql.update(c, "UPDATE dashboard_accounts SET disabled = ? WHERE name = ?", true, name)
              == 0) {
            return false;
          }
          deleteSessionsOf(c, name);
          return true;
        });
  }

  @Override
  public void signedIn(String name, Instant at) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    store.withConnection(
        "record the sign-in of dashboard user " + name,
        c ->
            Sql.update(
                c,
                "UPDATE dashboard_accounts SET last_sign_in_at_ms = ? WHERE name = ?",
                at,
                name));
  }

  @Override
  public void saveSession(DashboardSession session) {
    Objects.requireNonNull(session, "session");
    store.withConnection(
        "store a dashboard session of " + session.name(),
        c ->
            Sql.update(
                c,
                "INSERT INTO dashboard_sessions (" + SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                session.hash(),
                session.name(),
                session.role(),
                session.created(),
                session.lastSeen()));
  }

  @Override
  public Optional<DashboardSession> session(String hash) {
    Objects.requireNonNull(hash, "hash");
    return store.withConnection(
        "read a dashboard session",
        c ->
            Sql.first(
                c,
                "SELECT " + SESSION_COLUMNS + " FROM dashboard_sessions WHERE sha256 = ?",
                rs ->
                    new DashboardSession(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        instant(rs, 4),
                        instant(rs, 5)),
                hash));
  }

  @Override
  public void sessionSeen(String hash, Instant at) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
    store.withConnection(
        "record the use of a dashboard session",
        c ->
            Sql.update(
                c, "UPDATE dashboard_sessions SET last_seen_at_ms = ? WHERE sha256 = ?", at, hash));
  }

  @Override
  public void deleteSession(String hash) {
    Objects.requireNonNull(hash, "hash");
    store.withConnection(
        "end a dashboard session",
        c -> Sql.update(c, "DELETE FROM dashboard_sessions WHERE sha256 = ?", hash));
  }

  @Override
  public int deleteSessionsOf(String name) {
    Objects.requireNonNull(name, "name");
    return store.withConnection(
        "end the dashboard sessions of " + name, c -> deleteSessionsOf(c, name));
  }

  private static int deleteSessionsOf(Connection c, String name) throws SQLException {
    return Sql.update(c, "DELETE FROM dashboard_sessions WHERE name = ?", name);
  }

  @Override
  public int deleteSessions(Instant seenBefore, Instant createdBefore) {
    Objects.requireNonNull(seenBefore, "seenBefore");
    Objects.requireNonNull(createdBefore, "createdBefore");
    return store.withConnection(
        "delete expired dashboard sessions",
        c ->
            Sql.update(
                c,
                "DELETE FROM dashboard_sessions WHERE last_seen_at_ms < ? OR created_at_ms < ?",
                seenBefore,
                createdBefore));
  }

  @Override
  public void recordAdminAction(AdminEntry entry) {
    Objects.requireNonNull(entry, "entry");
    store.withConnection(
        "record admin action " + entry.action(),
        c ->
            Sql.update(
                c,
                "INSERT INTO admin_actions (at_ms, actor, action, company_id, detail)"
                    + " VALUES (?, ?, ?, ?, ?)",
                entry.at(),
                entry.actor(),
                entry.action(),
                entry.companyId(),
                entry.detail()));
  }

  @Override
  public List<AdminEntry> adminActions(String action, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    String select =
        "SELECT at_ms, actor, action, company_id, detail FROM admin_actions"
            + " WHERE at_ms >= ? AND at_ms < ?";
    Sql.Row<AdminEntry> row =
        rs ->
            new AdminEntry(
                instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    return store.withConnection(
        "read the admin actions",
        c ->
            action == null
                ? Sql.list(c, select + " ORDER BY at_ms, id", row, from, to)
                : Sql.list(
                    c, select + " AND action = ? ORDER BY at_ms, id", row, from, to, action));
  }

  @Override
  public List<AdminEntry> newestAdminActions(String action, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    String select = "SELECT at_ms, actor, action, company_id, detail FROM admin_actions";
    String newest = " ORDER BY at_ms DESC, id DESC LIMIT ?";
    Sql.Row<AdminEntry> row =
        rs ->
            new AdminEntry(
                instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    return store.withConnection(
        "read the newest admin actions",
        c ->
            action == null
                ? Sql.list(c, select + newest, row, limit)
                : Sql.list(c, select + " WHERE action = ?" + newest, row, action, limit));
  }

  private static Object[] values(DashboardAccount account) {
    return new Object[] {
      account.name(),
      account.role(),
      account.source(),
      account.phcHash(),
      account.disabled(),
      account.created(),
      account.lastSignIn()
    };
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
}
