package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.core.state.TokenRecord;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.store.JdbcStateStore;
import io.kb4sync.store.StateStores;
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

/** {@code kb4sync token create|list|revoke} through {@link Main#run}, on a real SQLite state. */
class TokenCommandTest {
  static final Instant NOW = Instant.parse("2026-11-30T06:00:00.250Z");

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

  int run(String... args) {
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
    return Main.run(cli, args);
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

  String create(String name, String role, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "token",
                "create",
                "--config",
                config().toString(),
                "--name",
                name,
                "--role",
                role));
    args.addAll(List.of(more));
    assertThat(run(args.toArray(String[]::new))).as(stderr()).isZero();
    return stdout().strip();
  }

  @Test
  void create_prints_the_new_token_alone_on_stdout_and_stores_only_its_hash() throws Exception {
    String token = create("ci", "operator");

    assertThat(stdout()).matches("kb4_[A-Za-z0-9_-]{43}\\R");
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: token ci (operator, no expiry) created; it is shown this once, only its hash"
                + " is stored"
                + System.lineSeparator());
    try (JdbcStateStore store = store()) {
      assertThat(store.tokens())
          .containsExactly(
              new TokenRecord("ci", "operator", StoreTokens.hash(token), NOW, null, null));
      assertThat(new StoreTokens(store, Clock.fixed(NOW, ZoneOffset.UTC)).authenticate(token))
          .contains(Caller.apiToken("ci", Role.OPERATOR));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(token.substring(4));
      }
    }
  }

  @Test
  void two_tokens_are_never_the_same() throws Exception {
    assertThat(create("a", "viewer")).isNotEqualTo(create("b", "viewer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30m", "12h", "90d", "1m", "365d"})
  void expires_in_takes_minutes_hours_or_days(String expiresIn) throws Exception {
    create("ci", "viewer", "--expires-in", expiresIn);

    Duration expected = TokenCommand.expiresIn(expiresIn);
    try (JdbcStateStore store = store()) {
      assertThat(store.tokens().get(0).expires()).isEqualTo(NOW.plus(expected));
    }
    assertThat(stderr())
        .contains("(viewer, expires " + NOW.plus(expected).toString().substring(0, 19) + "Z)");
  }

  @Test
  void expires_in_reads_30m_12h_and_90d() {
    assertThat(TokenCommand.expiresIn("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TokenCommand.expiresIn("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(TokenCommand.expiresIn("90d")).isEqualTo(Duration.ofDays(90));
    assertThatThrownBy(() -> TokenCommand.expiresIn("1w")).isInstanceOf(ConfigException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"90", "0d", "1w", "-5d", "d", "90 d", "1.5h", "12H", "30s", "9999999d", ""})
  void a_bad_expires_in_is_a_usage_error_in_one_line_and_stores_nothing(String expiresIn)
      throws Exception {
    int exit =
        run(
            "token",
            "create",
            "--config",
            config().toString(),
            "--name",
            "ci",
            "--role",
            "viewer",
            "--expires-in",
            expiresIn);

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: token create: --expires-in must be a whole number and a unit m, h or d (30m,"
                + " 12h, 90d), found '"
                + expiresIn
                + "'"
                + System.lineSeparator());
    assertThat(stdout()).isEmpty();
    assertThat(dir.resolve("state.db")).doesNotExist();
  }

  @Test
  void a_role_other_than_viewer_operator_or_admin_is_a_usage_error() throws Exception {
    int exit =
        run("token", "create", "--config", config().toString(), "--name", "ci", "--role", "root");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: token create: --role must be viewer, operator or admin, found 'root'"
                + System.lineSeparator());
    assertThat(stdout()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ci token", "-ci", "ci/prod", "tëst"})
  void a_bad_name_is_a_usage_error(String name) throws Exception {
    int exit =
        run("token", "create", "--config", config().toString(), "--name", name, "--role", "admin");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .startsWith("kb4sync: token create: --name must be 1 to 64 letters, digits")
        .contains("found '" + name + "'");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void a_name_taken_is_refused_in_one_line_and_the_first_token_kept() throws Exception {
    String first = create("ci", "viewer");

    int exit =
        run("token", "create", "--config", config().toString(), "--name", "ci", "--role", "admin");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "kb4sync: token create: a token named 'ci' exists; revoke it first or choose another"
                + " name"
                + System.lineSeparator());
    assertThat(stdout()).isEmpty();
    try (JdbcStateStore store = store()) {
      assertThat(store.tokens()).singleElement().extracting(TokenRecord::role).isEqualTo("viewer");
      assertThat(store.tokenByHash(StoreTokens.hash(first))).isPresent();
    }
  }

  @Test
  void list_prints_name_role_created_expires_and_last_used_by_name_and_never_a_token_or_hash()
      throws Exception {
    String grafana = create("grafana", "viewer");
    now = NOW.plusSeconds(60);
    String ci = create("ci", "admin", "--expires-in", "90d");
    try (JdbcStateStore store = store()) {
      store.tokenUsed("grafana", NOW.plusSeconds(3600));
    }

    assertThat(run("token", "list", "--config", config().toString())).as(stderr()).isZero();

    JsonNode tokens = new ObjectMapper().readTree(stdout());
    assertThat(tokens).hasSize(2);
    List<String> keys = new ArrayList<>();
    tokens.get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("name", "role", "created", "expires", "last_used");
    assertThat(tokens.get(0).get("name").asText()).isEqualTo("ci");
    assertThat(tokens.get(0).get("role").asText()).isEqualTo("admin");
    assertThat(tokens.get(0).get("created").asText()).isEqualTo("2026-11-30T06:01:00Z");
    assertThat(tokens.get(0).get("expires").asText()).isEqualTo("2027-02-28T06:01:00Z");
    assertThat(tokens.get(0).get("last_used").isNull()).isTrue();
    assertThat(tokens.get(1).get("name").asText()).isEqualTo("grafana");
    assertThat(tokens.get(1).get("expires").isNull()).isTrue();
    assertThat(tokens.get(1).get("last_used").asText()).isEqualTo("2026-11-30T07:00:00Z");
    assertThat(stdout())
        .doesNotContain(ci, grafana, StoreTokens.hash(ci), StoreTokens.hash(grafana));
  }

  @Test
  void list_of_no_token_is_an_empty_array() throws Exception {
    assertThat(run("token", "list", "--config", config().toString())).as(stderr()).isZero();

    assertThat(stdout().strip()).isEqualTo("[ ]");
  }

  @Test
  void revoke_makes_the_token_useless_and_an_unknown_name_is_a_usage_error() throws Exception {
    String token = create("ci", "admin");

    assertThat(run("token", "revoke", "--config", config().toString(), "--name", "ci"))
        .as(stderr())
        .isZero();
    assertThat(stderr()).isEqualTo("kb4sync: token ci revoked" + System.lineSeparator());
    assertThat(stdout()).isEmpty();
    try (JdbcStateStore store = store()) {
      assertThat(new StoreTokens(store, Clock.systemUTC()).authenticate(token)).isEmpty();
      assertThat(store.tokens()).isEmpty();
    }

    assertThat(run("token", "revoke", "--config", config().toString(), "--name", "ci"))
        .isEqualTo(2);
    assertThat(stderr())
        .isEqualTo("kb4sync: token revoke: no token named 'ci'" + System.lineSeparator());
  }

  @Test
  void an_expired_token_no_longer_authenticates() throws Exception {
    String token = create("temp", "operator", "--expires-in", "30m");

    try (JdbcStateStore store = store()) {
      assertThat(
              new StoreTokens(store, Clock.fixed(NOW.plusSeconds(29 * 60), ZoneOffset.UTC))
                  .authenticate(token))
          .isPresent();
      assertThat(
              new StoreTokens(store, Clock.fixed(NOW.plusSeconds(30 * 60), ZoneOffset.UTC))
                  .authenticate(token))
          .isEmpty();
    }
  }

  @Test
  void token_without_a_command_and_a_missing_option_are_usage_errors_pointing_at_help()
      throws Exception {
    assertThat(run("token")).isEqualTo(2);
    assertThat(stderr()).contains("(see kb4sync token --help)");

    assertThat(run("token", "create", "--config", config().toString(), "--name", "ci"))
        .isEqualTo(2);
    assertThat(stderr()).contains("--role").contains("(see kb4sync token create --help)");
  }
}
