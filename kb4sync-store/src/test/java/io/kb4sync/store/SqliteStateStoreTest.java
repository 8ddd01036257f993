package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteStateStoreTest extends StateStoreContract {

  @Override
  protected String emptyDatabase() {
    return "sqlite:" + tempDir.resolve("state").resolve("kb4sync-state.db");
  }

  @Override
  protected List<String> failInsertsOfManagedGroupNamed(String name) {
    return List.of(
        "CREATE TRIGGER fail_group BEFORE INSERT ON managed_groups WHEN NEW.name = '"
            + name
            + "' BEGIN SELECT RAISE(ABORT, 'test: this group may not be inserted'); END");
  }

  @Test
  void the_database_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() throws SQLException {
    JdbcStateStore store = openStore();

    try (Connection connection = store.pool().getConnection()) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
      assertThat(pragma(connection, "busy_timeout"))
          .isEqualTo(String.valueOf(StateStores.SQLITE_BUSY_TIMEOUT.toMillis()));
    }
  }

  @Test
  void the_pool_holds_a_single_connection() throws Exception {
    JdbcStateStore store = openStore();

    assertThat(((com.zaxxer.hikari.HikariDataSource) store.pool()).getMaximumPoolSize())
        .isEqualTo(1);
  }

  @Test
  void company_lock_files_live_in_a_folder_beside_the_database() {
    JdbcStateStore store = openStore();
    Path database = tempDir.resolve("state").resolve("kb4sync-state.db");

    store.lock("Acme Corp/1001").close();

    Path folder = database.resolveSibling("kb4sync-state.db.locks");
    assertThat(folder.resolve(FileCompanyLocks.fileName("Acme Corp/1001"))).exists();
    assertThat(FileCompanyLocks.fileName("Acme Corp/1001"))
        .matches("Acme_Corp_1001-[0-9a-f]{8}\\.lock");
    assertThat(Files.exists(database)).isTrue();
  }

  @Test
  void company_ids_differing_only_in_unsafe_characters_or_case_get_different_lock_files() {
    assertThat(FileCompanyLocks.fileName("a/b")).isNotEqualTo(FileCompanyLocks.fileName("a_b"));
    assertThat(FileCompanyLocks.fileName("ACME").toLowerCase(java.util.Locale.ROOT))
        .isNotEqualTo(FileCompanyLocks.fileName("acme").toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void a_file_that_is_not_a_database_is_refused_in_one_line() throws Exception {
    Path notADatabase = tempDir.resolve("notes.txt");
    Files.writeString(notADatabase, "these are not the tables you are looking for\n".repeat(100));

    assertThatThrownBy(() -> StateStores.open("sqlite:" + notADatabase, null))
        .isInstanceOf(StateStoreException.class)
        .hasMessageStartingWith("state: cannot open or migrate sqlite:" + notADatabase)
        .hasMessageContaining("not a database")
        .hasMessageNotContaining("\n");
  }

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
