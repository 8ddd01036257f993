package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.signin.StorePeople;
import io.kb4sync.app.signin.StoreSessions;
import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.Session;
import io.kb4sync.store.JdbcStateStore;
import io.kb4sync.store.StateStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kb4sync user add|list|disable} through {@link Main#run}, on a real SQLite state. */
class UserCommandTest {
  static final Instant NOW = Instant.parse("2026-12-01T06:00:00.250Z");
  static final String PASSWORD = "Tr0ub4dor&3 horse";

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  Instant now = NOW;

  Path config() throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(
        file,
        """
        state: "sqlite:./state.db"
        companies:
          - company_id: "1001"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "x" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
        """);
    return file;
  }

  int run(String stdin, String... args) {
    out.reset();
    err.reset();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.fixed(now, ZoneOffset.UTC),
            dir,
            Map.<String, String>of()::get);
    return Main.run(cli, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  JdbcStateStore store() {
    return StateStores.open("sqlite:./state.db", dir);
  }

  void add(String name, String password, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(List.of("user", "add", "--config", config().toString(), "--name", name));
    args.addAll(List.of(more));
    assertThat(run(password + "\n", args.toArray(String[]::new))).as(stderr()).isZero();
  }

  @Test
  void add_reads_one_line_from_stdin_never_echoes_it_and_stores_only_a_hash() throws Exception {
    add("alice", PASSWORD, "--role", "admin");

    assertThat(stdout()).isEmpty();
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: user alice (admin) added; only a hash of the password is stored"
                + System.lineSeparator());
    try (JdbcStateStore store = store()) {
      assertThat(
              new StorePeople(store, Clock.systemUTC())
                  .checkPassword("alice", PASSWORD.toCharArray()))
          .contains(new Caller("alice", Role.ADMIN, "ui:alice"));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(PASSWORD);
      }
    }
  }

  @Test
  void add_without_a_role_makes_a_viewer_and_takes_a_windows_line_end() throws Exception {
    assertThat(
            run(
                PASSWORD + "\r\nthe next line is not read\n",
                "user",
                "add",
                "--config",
                config().toString(),
                "--name",
                "bob"))
        .as(stderr())
        .isZero();

    try (JdbcStateStore store = store()) {
      assertThat(
              new StorePeople(store, Clock.systemUTC())
                  .checkPassword("bob", PASSWORD.toCharArray()))
          .map(Caller::role)
          .contains(Role.VIEWER);
    }
  }

  @Test
  void an_empty_password_is_refused_in_one_line_and_stores_nothing() throws Exception {
    int exit = run("\n", "user", "add", "--config", config().toString(), "--name", "alice");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: user add: no password on stdin; give it as one line of at least 12"
                + " characters"
                + System.lineSeparator());
    assertThat(dir.resolve("state.db")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Qz9", "elevenchars", "ünïcødé 11c"})
  void a_password_shorter_than_12_characters_is_refused_without_echoing_it(String password)
      throws Exception {
    int exit =
        run(password + "\n", "user", "add", "--config", config().toString(), "--name", "alice");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: user add: the password must be at least 12 characters, found "
                + password.codePointCount(0, password.length())
                + System.lineSeparator())
        .doesNotContain(password);
    assertThat(dir.resolve("state.db")).doesNotExist();
  }

  @Test
  void a_name_taken_a_bad_name_and_a_bad_role_are_usage_errors() throws Exception {
    add("alice", PASSWORD);

    assertThat(
            run(PASSWORD + "\n", "user", "add", "--config", config().toString(), "--name", "alice"))
        .isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: user add: a user named 'alice' exists; choose another name"
                + System.lineSeparator());
    assertThat(
            run(PASSWORD + "\n", "user", "add", "--config", config().toString(), "--name", "a b"))
        .isEqualTo(2);
    assertThat(stderr()).startsWith("kb4sync: user add: --name must be 1 to 128");
    assertThat(
            run(
                PASSWORD + "\n",
                "user",
                "add",
                "--config",
                config().toString(),
                "--name",
                "bob",
                "--role",
                "root"))
        .isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: user add: --role must be viewer, operator or admin, found 'root'"
                + System.lineSeparator());
  }

  @Test
  void list_prints_the_accounts_by_name_and_never_a_hash() throws Exception {
    add("zoe", PASSWORD, "--role", "operator");
    now = NOW.plusSeconds(60);
    add("alice", PASSWORD);
    try (JdbcStateStore store = store()) {
      new StorePeople(store, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC))
          .checkPassword("alice", PASSWORD.toCharArray());
    }

    assertThat(run("", "user", "list", "--config", config().toString())).as(stderr()).isZero();

    JsonNode users = new ObjectMapper().readTree(stdout());
    assertThat(users).hasSize(2);
    List<String> keys = new ArrayList<>();
    users.get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("name", "role", "source", "disabled", "created", "last_sign_in");
    assertThat(users.get(0).get("name").asText()).isEqualTo("alice");
    assertThat(users.get(0).get("role").asText()).isEqualTo("viewer");
    assertThat(users.get(0).get("source").asText()).isEqualTo("local");
    assertThat(users.get(0).get("created").asText()).isEqualTo("2026-12-01T06:01:00Z");
    assertThat(users.get(0).get("last_sign_in").asText()).isEqualTo("2026-12-01T07:00:00Z");
    assertThat(users.get(1).get("name").asText()).isEqualTo("zoe");
    assertThat(users.get(1).get("last_sign_in").isNull()).isTrue();
    assertThat(stdout()).doesNotContain("argon2", PASSWORD);
  }

  @Test
  void
      disable_refuses_sign_in_ends_the_sessions_and_is_logged_and_an_unknown_name_is_a_usage_error()
          throws Exception {
    add("alice", PASSWORD, "--role", "admin");
    Session session;
    try (JdbcStateStore store = store()) {
      session =
          new StoreSessions(store, Duration.ofMinutes(30), Duration.ofHours(12))
              .open(StorePeople.caller("alice", Role.ADMIN), NOW);
    }

    assertThat(run("", "user", "disable", "--config", config().toString(), "--name", "alice"))
        .as(stderr())
        .isZero();
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: user alice disabled; its sessions have ended" + System.lineSeparator());
    try (JdbcStateStore store = store()) {
      assertThat(
              new StorePeople(store, Clock.systemUTC())
                  .checkPassword("alice", PASSWORD.toCharArray()))
          .isEmpty();
      assertThat(
              new StoreSessions(store, Duration.ofMinutes(30), Duration.ofHours(12))
                  .find(session.id(), NOW))
          .isEmpty();
      assertThat(store.adminActions(NOW.minusSeconds(1), NOW.plusSeconds(1)))
          .containsExactly(new AdminEntry(NOW, "cli", "user_disable", null, "alice"));
    }

    assertThat(run("", "user", "disable", "--config", config().toString(), "--name", "nobody"))
        .isEqualTo(2);
    assertThat(stderr())
        .isEqualTo("kb4sync: user disable: no user named 'nobody'" + System.lineSeparator());
  }
}
