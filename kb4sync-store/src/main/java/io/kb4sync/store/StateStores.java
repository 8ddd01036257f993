package io.kb4sync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the state store named by the configuration's {@code state} key. */
public final class StateStores {

  /** System property that replaces {@code ~/.kb4sync} as the home of the default SQLite file. */
  public static final String HOME_PROPERTY = "kb4sync.home";

  /** The default SQLite file's name, in {@code ~/.kb4sync} (or {@value #HOME_PROPERTY}). */
  public static final String DEFAULT_FILE_NAME = "kb4sync-state.db";

  /** How long a SQLite write waits for another process's write to finish. */
  public static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(10);

  /** Connections to PostgreSQL kept by one process (company locks use their own, outside). */
  public static final int POSTGRES_POOL_SIZE = 4;

  /** How long a caller waits for a pooled connection, and PostgreSQL for a new one. */
  public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(StateStores.class);

  private StateStores() {}

  /**
   * Opens the state store, creating and migrating its schema when needed.
   *
   * @param location the {@code state} key: {@code sqlite:PATH}; {@code
   *     postgresql://USER:PASSWORD@HOST:PORT/DB} (or {@code postgres://}, libpq style, special
   *     characters percent-encoded, parameters passed to the driver); {@code
   *     jdbc:postgresql://HOST:PORT/DB?user=USER&password=PASSWORD}; null or blank for the default
   *     SQLite file {@code ~/.kb4sync/kb4sync-state.db}
   * @param relativeTo the folder a relative {@code sqlite:} path starts from (the configuration
   *     file's folder); null for the working directory. Missing parent folders are created.
   * @throws IllegalArgumentException the location has none of these forms; one line naming the
   *     {@code state} key, the forms, and the location with its password masked
   * @throws StateStoreException the database cannot be reached, opened or migrated
   */
  public static JdbcStateStore open(String location, Path relativeTo) {
    return openWith(StateLocation.parse(location, relativeTo), config -> {});
  }

  /** The location with any password replaced by {@code ***}, fit for logs and messages. */
  public static String mask(String location) {
    return StateLocation.mask(location);
  }

  /** {@code ~/.kb4sync/kb4sync-state.db}, or under the {@value #HOME_PROPERTY} property. */
  public static Path defaultSqliteFile() {
    String home = System.getProperty(HOME_PROPERTY);
    Path folder =
        home == null || home.isBlank()
            ? Path.of(System.getProperty("user.home"), ".kb4sync")
            : Path.of(home);
    return folder.resolve(DEFAULT_FILE_NAME).toAbsolutePath().normalize();
  }

  /**
   * @param poolTuning applied last to the pool's configuration (tests force a session time zone)
   */
  static JdbcStateStore openWith(StateLocation location, Consumer<HikariConfig> poolTuning) {
    return openWith(location, poolTuning, StoreFaults.fromSystem());
  }

  /**
   * @param faults the test-only fault hook ({@link StoreFaults#NONE} for none)
   */
  static JdbcStateStore openWith(
      StateLocation location, Consumer<HikariConfig> poolTuning, StoreFaults faults) {
    faults.warnIfArmed(location.describe());
    if (location instanceof StateLocation.Sqlite sqlite) {
      return openSqlite(sqlite, poolTuning, faults);
    }
    return openPostgres((StateLocation.Postgres) location, poolTuning, faults);
  }

  static SQLiteDataSource sqliteDataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
    config.enforceForeignKeys(true);
    // Our only transactions write (or read several tables at once): taking the write lock at
    // BEGIN makes a second writer wait out busy_timeout instead of failing on lock upgrade.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource unpooled = new SQLiteDataSource(config);
    unpooled.setUrl("jdbc:sqlite:" + file);
    return unpooled;
  }

  private static JdbcStateStore openSqlite(
      StateLocation.Sqlite location, Consumer<HikariConfig> poolTuning, StoreFaults faults) {
    Path file = location.file();
    String description = location.describe();
    createOwnerOnly(file, description);
    SQLiteDataSource unpooled = sqliteDataSource(file);

    migrateSqlite(unpooled, description);
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("kb4sync-state-sqlite");
    pool.setDataSource(unpooled);
    // One connection: SQLite has one writer, and a second pooled writer would only wait for it.
    pool.setMaximumPoolSize(1);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    poolTuning.accept(pool);
    HikariDataSource pooled = startPool(pool, description);
    return new JdbcStateStore(
        Dialect.SQLITE,
        pooled,
        pooled,
        new FileCompanyLocks(FileCompanyLocks.folderFor(file)),
        description,
        faults);
  }

  /** A data source of new sessions (no pool): migrations and company locks use it. */
  static PGSimpleDataSource postgresDataSource(StateLocation.Postgres location) {
    String description = location.describe();
    PGSimpleDataSource unpooled = new PGSimpleDataSource();
    try {
      unpooled.setUrl(location.connectionUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "state: invalid PostgreSQL location \""
              + description
              + "\": "
              + StateLocation.mask(e.getMessage()),
          e);
    }
    if (location.user() != null) {
      unpooled.setUser(location.user());
    }
    if (location.password() != null) {
      unpooled.setPassword(location.password());
    }
    if (!location.jdbcUrl().contains("ApplicationName=")) {
      unpooled.setApplicationName("kb4sync");
    }
    if (!location.jdbcUrl().contains("reWriteBatchedInserts=")) {
      // Sends a batch of upserts as a few multi-row INSERTs instead of one round trip per row.
      // Safe with ON CONFLICT because commit() never sends one key twice.
      unpooled.setReWriteBatchedInserts(true);
    }
    // connectTimeout, socketTimeout and, to a host that is not loopback, verified TLS are in the
    // URL (StateLocation): a setter here would override what the URL names.
    // Lets the server notice a vanished client sooner, and with it free that client's locks.
    unpooled.setTcpKeepAlive(true);
    return unpooled;
  }

  private static JdbcStateStore openPostgres(
      StateLocation.Postgres location, Consumer<HikariConfig> poolTuning, StoreFaults faults) {
    String description = location.describe();
    PGSimpleDataSource unpooled = postgresDataSource(location);

    migrate(unpooled, Dialect.POSTGRESQL, description);
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("kb4sync-state-postgresql");
    pool.setDataSource(unpooled);
    pool.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    poolTuning.accept(pool);
    HikariDataSource pooled = startPool(pool, description);
    return new JdbcStateStore(
        Dialect.POSTGRESQL,
        pooled,
        pooled,
        new AdvisoryCompanyLocks(unpooled, description),
        description,
        faults);
  }

  /**
   * The database file and any folder created for it are owner-only (0600 and 0700); an existing
   * folder keeps its permissions, with a WARN line when they are wider (see {@link OwnerOnly}).
   */
  private static void createOwnerOnly(Path file, String description) {
    try {
      Path parent = file.getParent();
      if (parent != null) {
        OwnerOnly.folder(parent);
      }
      OwnerOnly.file(file);
    } catch (IOException e) {
      throw new StateStoreException("state: cannot create " + description + ": " + e, e);
    }
  }

  private static void migrate(DataSource unpooled, Dialect dialect, String description) {
    migrate(unpooled, dialect, description, null);
  }

  /**
   * Migrates a SQLite file, tried again while another process (or thread) opening the same new file
   * holds it: a connection's first statements (journal mode WAL) can meet SQLITE_BUSY before its
   * busy timeout applies, so several runs starting at once on a new file would otherwise fail.
   * Gives up after {@link #SQLITE_BUSY_TIMEOUT}, as a busy statement would.
   */
  private static void migrateSqlite(DataSource unpooled, String description) {
    long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        migrate(unpooled, Dialect.SQLITE, description);
        return;
      } catch (StateStoreException e) {
        if (!busy(e) || System.nanoTime() > deadline) {
          throw e;
        }
        LOG.debug("state store {} is busy (attempt {}); trying again", description, attempt);
        try {
          Thread.sleep(Math.min(50L * attempt, 500L));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Whether SQLite's "database is locked" (SQLITE_BUSY) is among the causes. */
  private static boolean busy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException sqlite
          && sqlite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_BUSY) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && message.contains("[SQLITE_BUSY]")) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param target the last version to apply (tests of a migration start from the one before); null
   *     for all of them
   */
  static void migrate(DataSource unpooled, Dialect dialect, String description, String target) {
    try {
      var flyway =
          Flyway.configure(StateStores.class.getClassLoader())
              .dataSource(unpooled)
              .locations(dialect.migrations())
              .failOnMissingLocations(true)
              // Our SQL has no placeholders; a "${...}" in it is text, never a lookup.
              .placeholderReplacement(false);
      if (target != null) {
        flyway.target(target);
      }
      flyway.load().migrate();
    } catch (FlywayException e) {
      throw new StateStoreException(
          "state: cannot open or migrate " + description + ": " + reason(e), e);
    }
    LOG.debug("state store {} is migrated", description);
  }

  private static HikariDataSource startPool(HikariConfig config, String description) {
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StateStoreException(
          "state: cannot connect to " + description + ": " + reason(e), e);
    }
  }

  /**
   * The most telling reason in one line: the deepest SQLException's message (the database's own
   * words), else the deepest message, whitespace folded so multi-line texts stay one line.
   */
  static String reason(Throwable e) {
    String reason = null;
    String sqlReason = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        reason = t.getMessage();
        if (t instanceof SQLException) {
          sqlReason = t.getMessage();
        }
      }
    }
    String chosen = sqlReason != null ? sqlReason : reason != null ? reason : e.toString();
    return StateLocation.mask(chosen.replaceAll("[\\s-]*\\R[\\s-]*", " ").strip());
  }
}
