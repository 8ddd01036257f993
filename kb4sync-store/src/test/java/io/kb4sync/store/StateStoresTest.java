package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.state.CompanyState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateStoresTest {

  @TempDir Path tempDir;

  private String homeBefore;

  @BeforeEach
  void pointKb4syncHomeIntoTheTempDir() {
    homeBefore = System.getProperty(StateStores.HOME_PROPERTY);
    System.setProperty(StateStores.HOME_PROPERTY, tempDir.resolve("home").toString());
  }

  @AfterEach
  void restoreKb4syncHome() {
    if (homeBefore == null) {
      System.clearProperty(StateStores.HOME_PROPERTY);
    } else {
      System.setProperty(StateStores.HOME_PROPERTY, homeBefore);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void no_location_opens_the_default_sqlite_file_under_kb4sync_home(String blank) {
    try (JdbcStateStore store = StateStores.open(blank, tempDir.resolve("config"))) {
      assertThat(store.load("1001")).isEqualTo(CompanyState.empty());
    }

    assertThat(tempDir.resolve("home").resolve("kb4sync-state.db")).isRegularFile();
    assertThat(StateStores.defaultSqliteFile())
        .isEqualTo(tempDir.resolve("home").resolve(StateStores.DEFAULT_FILE_NAME));
  }

  @Test
  void a_null_location_opens_the_default_sqlite_file_too() {
    try (JdbcStateStore store = StateStores.open(null, null)) {
      assertThat(store.toString()).isEqualTo("sqlite:" + StateStores.defaultSqliteFile());
    }
  }

  @Test
  void the_default_home_folder_is_created_readable_by_its_owner_only() throws Exception {
    StateStores.open(null, null).close();

    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(tempDir.resolve("home"))))
        .isEqualTo("rwx------");
  }

  @Test
  void without_the_property_the_default_file_is_in_dot_kb4sync_of_the_user_home() {
    System.clearProperty(StateStores.HOME_PROPERTY);

    assertThat(StateStores.defaultSqliteFile())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".kb4sync", "kb4sync-state.db"));
  }

  @Test
  void a_relative_sqlite_path_starts_from_the_config_folder_and_its_folders_are_created() {
    Path configFolder = tempDir.resolve("config");

    try (JdbcStateStore store = StateStores.open("sqlite:./data/nested/state.db", configFolder)) {
      assertThat(store.load("1001")).isEqualTo(CompanyState.empty());
    }

    assertThat(configFolder.resolve("data/nested/state.db")).isRegularFile();
  }

  @Test
  void an_absolute_sqlite_path_ignores_the_config_folder() {
    Path file = tempDir.resolve("abs/state.db");

    StateLocation location = StateLocation.parse("sqlite:" + file, Path.of("/elsewhere"));

    assertThat(location).isEqualTo(new StateLocation.Sqlite(file));
  }

  @Test
  void a_sqlite_path_starting_with_a_tilde_is_in_the_user_home() {
    StateLocation location = StateLocation.parse("sqlite:~/kb/state.db", tempDir);

    assertThat(location)
        .isEqualTo(
            new StateLocation.Sqlite(Path.of(System.getProperty("user.home"), "kb", "state.db")));
  }

  @Test
  void a_postgresql_url_gives_a_jdbc_url_without_its_user_and_password() {
    StateLocation location =
        StateLocation.parse(
            "postgresql://kb4sync:p%40ss+w%3Ard@db.example:6543/state?sslmode=require", null);

    assertThat(location)
        .isEqualTo(
            new StateLocation.Postgres(
                "jdbc:postgresql://db.example:6543/state?sslmode=require", "kb4sync", "p@ss+w:rd"));
  }

  @Test
  void a_postgres_url_is_the_same_as_a_postgresql_url() {
    assertThat(StateLocation.parse("postgres://u:pw@h:5432/db", null))
        .isEqualTo(StateLocation.parse("postgresql://u:pw@h:5432/db", null))
        .isEqualTo(new StateLocation.Postgres("jdbc:postgresql://h:5432/db", "u", "pw"));
  }

  @Test
  void a_jdbc_url_keeps_its_parameters_but_gives_up_user_and_password() {
    StateLocation location =
        StateLocation.parse(
            "jdbc:postgresql://h1:5432,h2:5432/db?user=u&password=s%26cret&targetServerType=primary",
            null);

    assertThat(location)
        .isEqualTo(
            new StateLocation.Postgres(
                "jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary", "u", "s&cret"));
  }

  @Test
  void to_a_remote_host_without_sslmode_the_driver_verifies_certificate_and_host_name_by_the_jvm()
      throws Exception {
    StateLocation.Postgres location =
        (StateLocation.Postgres)
            StateLocation.parse("postgresql://u:pw@db.example:5432/state", null);

    assertThat(location.connectionUrl())
        .isEqualTo(
            "jdbc:postgresql://db.example:5432/state?connectTimeout=30&socketTimeout=60"
                + "&sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
    org.postgresql.ds.PGSimpleDataSource driver = StateStores.postgresDataSource(location);
    assertThat(driver.getSslMode()).isEqualTo("verify-full");
    assertThat(driver.getSslfactory()).isEqualTo("org.postgresql.ssl.DefaultJavaSSLFactory");
    assertThat(driver.getSslRootCert()).isNull();
    assertThat(driver.getSocketTimeout()).isEqualTo(60);
    assertThat(driver.getConnectTimeout()).isEqualTo(30);
    assertThat(location.describe()).isEqualTo("jdbc:postgresql://db.example:5432/state as u");
  }

  @Test
  void one_remote_host_among_several_is_enough_for_verified_tls() {
    assertThat(
            ((StateLocation.Postgres)
                    StateLocation.parse(
                        "jdbc:postgresql://127.0.0.1:5432,db2.example:5432/state", null))
                .connectionUrl())
        .contains("sslmode=verify-full");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://u:pw@localhost/state",
        "postgresql://u:pw@127.0.0.1:5432/state",
        "postgresql://u:pw@[::1]:5432/state",
        "jdbc:postgresql://localhost:5432,127.0.0.2:5433/state"
      })
  void to_loopback_hosts_tls_is_left_to_the_driver_default(String url) {
    String connection = ((StateLocation.Postgres) StateLocation.parse(url, null)).connectionUrl();

    assertThat(connection).doesNotContain("sslmode").doesNotContain("sslfactory");
    assertThat(connection).contains("connectTimeout=30").contains("socketTimeout=60");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sslmode=require", "sslmode=disable", "ssl=false", "SSLMODE=verify-ca"})
  void an_explicit_tls_choice_is_kept_as_it_is(String choice) {
    String connection =
        ((StateLocation.Postgres)
                StateLocation.parse("postgresql://u:pw@db.example/state?" + choice, null))
            .connectionUrl();

    assertThat(connection)
        .startsWith("jdbc:postgresql://db.example/state?" + choice + "&")
        .doesNotContain("verify-full")
        .doesNotContain("sslfactory");
  }

  @Test
  void explicit_timeouts_and_ssl_factory_are_kept_as_they_are() {
    String connection =
        ((StateLocation.Postgres)
                StateLocation.parse(
                    "postgresql://u:pw@db.example/state?socketTimeout=5&connectTimeout=7"
                        + "&sslfactory=com.example.PinnedFactory",
                    null))
            .connectionUrl();

    assertThat(connection)
        .isEqualTo(
            "jdbc:postgresql://db.example/state?socketTimeout=5&connectTimeout=7"
                + "&sslfactory=com.example.PinnedFactory&sslmode=verify-full");
  }

  @Test
  void a_postgres_location_never_shows_its_password() {
    StateLocation location = StateLocation.parse("postgresql://u:hunter2@h/db", null);

    assertThat(location.toString()).doesNotContain("hunter2");
    assertThat(location.describe()).isEqualTo("jdbc:postgresql://h/db as u");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://u:hunter2@h/db",
        "hunter2",
        "sqlite:",
        "sqlite::memory:",
        "postgresql://u:hunter2@/db",
        "jdbc:sqlite:/tmp/x.db",
        "postgresql://u:hunter2%zz@h/db"
      })
  void an_unsupported_location_is_one_line_naming_the_state_key_and_the_accepted_forms(
      String location) {
    assertThatThrownBy(() -> StateStores.open(location, tempDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("state: ")
        .hasMessageContaining("sqlite:PATH")
        .hasMessageContaining("postgresql://")
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("\n")
        .satisfies(
            e -> {
              if (!location.equals("hunter2")) {
                assertThat(e.getMessage()).doesNotContain("hunter2");
              }
            });
  }

  @Test
  void masking_hides_passwords_in_userinfo_and_in_parameters() {
    assertThat(StateStores.mask("postgresql://u:hunter2@h:5432/db"))
        .isEqualTo("postgresql://u:***@h:5432/db");
    assertThat(StateStores.mask("postgres://u:hun@ter2@h/db")).isEqualTo("postgres://u:***@h/db");
    assertThat(StateStores.mask("jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    assertThat(StateStores.mask("jdbc:postgresql://h/db?PASSWORD=hunter2"))
        .isEqualTo("jdbc:postgresql://h/db?PASSWORD=***");
    assertThat(StateStores.mask("sqlite:./state.db")).isEqualTo("sqlite:./state.db");
    assertThat(StateStores.mask("postgresql://h:5432/db")).isEqualTo("postgresql://h:5432/db");
  }

  @Test
  void every_parameter_whose_name_ends_in_password_is_masked_in_messages_and_descriptions() {
    String location =
        "postgresql://u@h/db?sslmode=verify-full&sslpassword=key-pass-1&SSLPassword=key-pass-2"
            + "&x_password=key-pass-3&passwordless=kept";

    assertThat(StateStores.mask(location))
        .isEqualTo(
            "postgresql://u@h/db?sslmode=verify-full&sslpassword=***&SSLPassword=***"
                + "&x_password=***&passwordless=kept");
    assertThat(StateLocation.parse(location, null).describe())
        .doesNotContain("key-pass")
        .contains("sslpassword=***")
        .contains("passwordless=kept");
    assertThat(StateLocation.parse(location, null).toString()).doesNotContain("key-pass");
  }
}
