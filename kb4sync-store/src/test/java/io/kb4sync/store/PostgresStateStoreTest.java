package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.StateChanges;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * The contract on a real PostgreSQL: zonky's embedded server, started once for the class (as root
 * it runs under {@code unshare -U}), or the server named by {@value #EXTERNAL_URL} when set. Each
 * test gets a database of its own; the test pool's sessions run in Los Angeles time.
 */
class PostgresStateStoreTest extends StateStoreContract {

  /** A PostgreSQL URL (any form {@link StateStores} accepts) whose user may create databases. */
  static final String EXTERNAL_URL = "KB4SYNC_TEST_PG_URL";

  private static final String SESSION_TIME_ZONE = "America/Los_Angeles";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static EmbeddedPostgres embedded;
  private static StateLocation.Postgres server;

  @BeforeAll
  static void startPostgres() throws IOException {
    String external = System.getenv(EXTERNAL_URL);
    if (external != null && !external.isBlank()) {
      server = (StateLocation.Postgres) StateLocation.parse(external, null);
      return;
    }
    long started = System.nanoTime();
    embedded = EmbeddedPostgres.builder().start();
    System.err.printf(
        "embedded PostgreSQL on port %d started in %d ms%n",
        embedded.getPort(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    server =
        new StateLocation.Postgres(
            "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres", null);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }

  @Override
  protected String emptyDatabase() throws SQLException {
    String name =
        "kb4sync_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = admin().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return locationOf(name);
  }

  @Override
  protected List<String> failInsertsOfManagedGroupNamed(String name) {
    return List.of(
        "CREATE FUNCTION fail_group() RETURNS trigger LANGUAGE plpgsql AS $$"
            + " BEGIN IF NEW.name = '"
            + name
            + "' THEN RAISE EXCEPTION 'test: this group may not be inserted'; END IF;"
            + " RETURN NEW; END $$",
        "CREATE TRIGGER fail_group BEFORE INSERT ON managed_groups"
            + " FOR EACH ROW EXECUTE FUNCTION fail_group()");
  }

  @Override
  protected void tunePool(HikariConfig config) {
    config.setConnectionInitSql("SET timezone = '" + SESSION_TIME_ZONE + "'");
  }

  private static PGSimpleDataSource admin() {
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setUrl(server.jdbcUrl());
    if (server.user() != null) {
      admin.setUser(server.user());
    }
    if (server.password() != null) {
      admin.setPassword(server.password());
    }
    return admin;
  }

  /** The server's URL with another database, in the jdbc: form the child process can open too. */
  private static String locationOf(String database) {
    String base = server.jdbcUrl().substring("jdbc:postgresql://".length());
    String hosts = base.substring(0, base.indexOf('/'));
    StringBuilder url = new StringBuilder("jdbc:postgresql://" + hosts + "/" + database + "?");
    if (server.user() != null) {
      url.append("user=").append(encode(server.user())).append('&');
    }
    if (server.password() != null) {
      url.append("password=").append(encode(server.password())).append('&');
    }
    url.append("ApplicationName=kb4sync-test");
    return url.toString();
  }

  private static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append(String.format("%%%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  @Test
  void the_test_pool_really_runs_its_sessions_outside_utc() throws SQLException {
    JdbcStateStore store = openStore();

    try (Connection connection = store.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW timezone")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(SESSION_TIME_ZONE);
    }
  }

  @Test
  void a_company_lock_is_a_kb4sync_advisory_lock_on_a_session_outside_the_pool()
      throws SQLException {
    JdbcStateStore store = openStore();

    try (CompanyLock lock = store.lock("1001");
        Connection connection = store.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT classid, objid, objsubid, pid <> pg_backend_pid() FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database"
                    + " WHERE datname = current_database())")) {
      assertThat(rs.next()).as("an advisory lock while %s is held", lock).isTrue();
      // pg_locks shows the two int keys as unsigned oids.
      assertThat(rs.getLong(1)).isEqualTo(Integer.toUnsignedLong(AdvisoryCompanyLocks.NAMESPACE));
      assertThat(rs.getLong(2)).isEqualTo(Integer.toUnsignedLong(AdvisoryCompanyLocks.key("1001")));
      assertThat(rs.getInt(3)).as("two-int form").isEqualTo(2);
      assertThat(rs.getBoolean(4)).as("held by another session").isTrue();
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void the_password_of_a_postgres_url_appears_in_no_log_line_and_no_message() throws Exception {
    assumeTrue(embedded != null, "the embedded server trusts any password; an external may not");
    String password = "Sup3r-S3cret-" + System.nanoTime();
    String name = "kb4sync_pw_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = admin().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(ch.qos.logback.classic.Level.TRACE);
    List<Logger> quietened =
        List.of("org.flywaydb", "com.zaxxer.hikari", "org.postgresql").stream()
            .map(n -> (Logger) LoggerFactory.getLogger(n))
            .toList();
    List<ch.qos.logback.classic.Level> quietLevels =
        quietened.stream().map(Logger::getLevel).toList();
    quietened.forEach(l -> l.setLevel(ch.qos.logback.classic.Level.TRACE));
    StringBuilder seen = new StringBuilder();
    try {
      String url = "postgresql://postgres:" + password + "@localhost:" + embedded.getPort();
      try (JdbcStateStore store = StateStores.open(url + "/" + name, null);
          CompanyLock lock = store.lock("1001")) {
        store.commit(
            "1001",
            new StateChanges(List.of(new Link("m", "k", "a@b.example", Instant.now())), Set.of()));
        seen.append(store).append('\n').append(lock).append('\n');
      }
      assertThatThrownBy(() -> StateStores.open(url + "/no_such_database", null))
          .isInstanceOf(StateStoreException.class)
          .satisfies(e -> seen.append(e.getMessage()).append('\n'))
          .hasMessageStartingWith("state: ")
          .hasMessageContaining("no_such_database")
          .hasMessageNotContaining("\n");
      assertThatThrownBy(
              () -> StateStores.open("postgres://u:" + password + "@localhost:1/x", null))
          .isInstanceOf(StateStoreException.class)
          .satisfies(e -> seen.append(e.getMessage()).append('\n'))
          .hasMessageContaining("localhost:1")
          .hasMessageNotContaining("\n");
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
      for (int i = 0; i < quietened.size(); i++) {
        quietened.get(i).setLevel(quietLevels.get(i));
      }
    }
    for (ILoggingEvent event : logs.list) {
      seen.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        seen.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }

    assertThat(logs.list).as("debug logging was captured").hasSizeGreaterThan(10);
    assertThat(seen.toString()).contains("postgres").doesNotContain(password);
  }

  // ---- a lock whose session ends while its process lives (issue 11, item 4) ----

  /** The backend (pid) of the session holding the company's advisory lock. */
  private static int lockBackend(JdbcStateStore store, String companyId) throws SQLException {
    try (Connection connection = store.pool().getConnection();
        java.sql.PreparedStatement ps =
            connection.prepareStatement(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database ="
                    + " (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND classid::bigint = ? AND objid::bigint = ?")) {
      ps.setLong(1, Integer.toUnsignedLong(AdvisoryCompanyLocks.NAMESPACE));
      ps.setLong(2, Integer.toUnsignedLong(AdvisoryCompanyLocks.key(companyId)));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("the lock of %s is in pg_locks", companyId).isTrue();
        return rs.getInt(1);
      }
    }
  }

  private static void terminate(JdbcStateStore store, int backend) throws SQLException {
    try (Connection connection = store.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_terminate_backend(" + backend + ")")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("backend %s terminated", backend).isTrue();
    }
  }

  private static String lostWithin(CompanyLock lock, java.time.Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (lock.lost() == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return lock.lost();
  }

  @Test
  void a_held_lock_is_not_lost_and_its_session_says_so_when_asked() throws Exception {
    JdbcStateStore store = openStore();

    try (CompanyLock lock = store.lock("1001")) {
      assertThat(lock.checkNow()).isNull();
      assertThat(lock.lost()).isNull();
      assertThat(lockBackend(store, "1001")).isPositive();
    }
  }

  @Test
  void a_lock_whose_backend_is_terminated_is_lost_when_checked_and_another_run_can_take_it()
      throws Exception {
    JdbcStateStore store = openStore();
    JdbcStateStore otherProcess = openStore();
    try (CompanyLock lock = store.lock("1001")) {
      assertThatThrownBy(() -> otherProcess.lock("1001"))
          .isInstanceOf(io.kb4sync.core.state.CompanyLockedException.class);

      terminate(store, lockBackend(store, "1001"));

      assertThat(lock.checkNow())
          .as("checkNow after the lock's backend was terminated")
          .contains("company 1001")
          .doesNotContain("\n");
      assertThat(lock.lost()).isEqualTo(lock.checkNow());
      try (CompanyLock taken = otherProcess.lock("1001")) {
        assertThat(taken.checkNow()).isNull();
        assertThat(lock.checkNow()).as("lost for good").isNotNull();
      }
    }
  }

  @Test
  void the_heartbeat_marks_a_lock_lost_within_seconds_of_its_backend_being_terminated()
      throws Exception {
    JdbcStateStore store = openStore();
    try (CompanyLock lock = store.lock("1001");
        CompanyLock other = store.lock("1002")) {
      terminate(store, lockBackend(store, "1001"));

      // Nobody calls checkNow: only the background heartbeat can notice.
      String lost =
          lostWithin(
              lock,
              AdvisoryCompanyLocks.HEARTBEAT_PERIOD
                  .multipliedBy(3)
                  .plus(AdvisoryCompanyLocks.CHECK_TIMEOUT));

      assertThat(lost).as("lost() after the heartbeat").isNotNull().contains("1001");
      assertThat(other.lost()).as("the other company's lock is untouched").isNull();
      assertThat(other.checkNow()).isNull();
    }
  }

  @Test
  void closing_a_lost_lock_is_harmless_and_the_company_can_be_locked_again() throws Exception {
    JdbcStateStore store = openStore();
    CompanyLock lock = store.lock("1001");
    terminate(store, lockBackend(store, "1001"));
    assertThat(lock.checkNow()).isNotNull();

    lock.close();

    try (CompanyLock again = store.lock("1001")) {
      assertThat(again.checkNow()).isNull();
    }
  }

  @Test
  void a_closed_lock_is_gone_from_pg_locks() throws Exception {
    JdbcStateStore store = openStore();
    store.lock("1001").close();

    try (Connection connection = store.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                    + " (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND classid::bigint = "
                    + Integer.toUnsignedLong(AdvisoryCompanyLocks.NAMESPACE))) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }
}
