package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.history.RunSpool;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.store.JdbcStateStore;
import io.kb4sync.store.RunOwner;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb4sync runs} through {@link Main#run}, on a real SQLite state in a temporary folder. */
class RunsCommandTest {
  static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Path config(String extra) throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(
        file,
        extra
            + """
            state: "sqlite:./state.db"
            companies:
              - company_id: "1001"
                m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "x" }
                knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
            """);
    return file;
  }

  JdbcStateStore store() {
    return StateStores.open("sqlite:./state.db", dir);
  }

  int run(String... args) {
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            dir,
            Map.<String, String>of()::get);
    return Main.run(cli, args);
  }

  JsonNode printed() throws IOException {
    JsonNode runs = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(runs.isArray()).as("stdout is one JSON array: %s", out).isTrue();
    return runs;
  }

  static RunRecord started(String companyId, Instant at, String owner) {
    return RunRecord.start(companyId, RunRecord.SYNC, false, at, RunRecord.TRIGGER_CLI, owner, "");
  }

  /** The owner of a process that has ended: a run it left running is abandoned. */
  static String deadOwner() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String owner = RunOwner.current().replaceFirst(" pid .*", "") + " pid " + child.pid();
    owner += child.toHandle().info().startInstant().map(s -> " started " + s).orElse("");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return owner;
  }

  @Test
  void runs_print_as_a_json_array_newest_first_with_the_contract_fields_to_the_second()
      throws Exception {
    Path file = config("");
    RunRecord older =
        started("1001", Instant.parse("2026-11-29T06:00:00.789Z"), RunOwner.current())
            .finish(Outcome.HELD, Instant.parse("2026-11-29T06:01:30.250Z"), "{\"x\":1}");
    RunRecord running = started("1002", NOW.minusSeconds(5), RunOwner.current());
    try (JdbcStateStore store = store()) {
      store.importRuns(List.of(older));
      store.startRun(running);
    }

    int exit = run("runs", "--config", file.toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    JsonNode runs = printed();
    assertThat(runs).hasSize(2);
    List<String> keys = new ArrayList<>();
    runs.get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "run_id",
            "company_id",
            "kind",
            "dry_run",
            "status",
            "outcome",
            "exit_code",
            "started_at",
            "finished_at",
            "trigger");
    assertThat(runs.get(0).get("run_id").asText()).isEqualTo(running.runId());
    assertThat(runs.get(0).get("status").asText()).isEqualTo("running");
    assertThat(runs.get(0).get("outcome").isNull()).isTrue();
    assertThat(runs.get(0).get("exit_code").isNull()).isTrue();
    assertThat(runs.get(0).get("finished_at").isNull()).isTrue();
    assertThat(runs.get(0).get("started_at").asText()).isEqualTo("2026-11-30T05:59:55Z");
    JsonNode held = runs.get(1);
    assertThat(held.get("company_id").asText()).isEqualTo("1001");
    assertThat(held.get("kind").asText()).isEqualTo("sync");
    assertThat(held.get("dry_run").asBoolean()).isFalse();
    assertThat(held.get("status").asText()).isEqualTo("finished");
    assertThat(held.get("outcome").asText()).isEqualTo("held");
    assertThat(held.get("exit_code").asInt()).isEqualTo(4);
    assertThat(held.get("started_at").asText()).isEqualTo("2026-11-29T06:00:00Z");
    assertThat(held.get("finished_at").asText()).isEqualTo("2026-11-29T06:01:30Z");
    assertThat(held.get("trigger").asText()).isEqualTo("cli");
  }

  @Test
  void a_run_whose_process_died_is_shown_abandoned_and_a_run_of_a_live_process_running()
      throws Exception {
    Path file = config("");
    RunRecord killed = started("1001", NOW.minusSeconds(600), deadOwner());
    RunRecord alive = started("1001", NOW.minusSeconds(60), RunOwner.current());
    try (JdbcStateStore store = store()) {
      store.startRun(killed);
      store.startRun(alive);
    }

    int exit = run("runs", "--config", file.toString(), "--company", "1001");

    assertThat(exit).as("stderr: %s", err).isZero();
    JsonNode runs = printed();
    assertThat(runs.get(1).get("run_id").asText()).isEqualTo(killed.runId());
    assertThat(runs.get(1).get("status").asText()).isEqualTo("abandoned");
    assertThat(runs.get(1).get("finished_at").asText()).isEqualTo("2026-11-30T06:00:00Z");
    assertThat(runs.get(1).get("outcome").isNull()).isTrue();
    assertThat(runs.get(1).get("exit_code").isNull()).isTrue();
    assertThat(runs.get(0).get("status").asText()).isEqualTo("running");
    try (JdbcStateStore store = store()) {
      assertThat(store.run(killed.runId()).orElseThrow().status()).isEqualTo(RunStatus.ABANDONED);
    }
  }

  @Test
  void spooled_runs_are_stored_first_and_the_spool_deleted() throws Exception {
    Path file = config("");
    RunSpool spool = RunSpool.beside(file);
    RunRecord start = started("1001", NOW.minusSeconds(120), RunOwner.current());
    spool.append(start);
    spool.append(start.finish(Outcome.INTERRUPTED, NOW.minusSeconds(60), "{}"));
    assertThat(spool.file()).isEqualTo(dir.resolve("kb4sync.yaml.runs-spool.jsonl"));

    int exit = run("runs", "--config", file.toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    JsonNode runs = printed();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("run_id").asText()).isEqualTo(start.runId());
    assertThat(runs.get(0).get("outcome").asText()).isEqualTo("interrupted");
    assertThat(runs.get(0).get("exit_code").asInt()).isEqualTo(3);
    assertThat(spool.file()).doesNotExist();
  }

  @Test
  void company_and_limit_narrow_the_list_and_a_limit_outside_1_to_500_is_a_usage_error()
      throws Exception {
    Path file = config("");
    try (JdbcStateStore store = store()) {
      for (int i = 0; i < 5; i++) {
        store.importRuns(
            List.of(
                started(i % 2 == 0 ? "1001" : "1002", NOW.minusSeconds(100 - i), "x")
                    .finish(Outcome.OK, NOW.minusSeconds(50), null)));
      }
    }

    assertThat(run("runs", "--config", file.toString(), "--company", "1002")).isZero();
    assertThat(printed())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.get("company_id").asText()).isEqualTo("1002"));
    out.reset();
    assertThat(run("runs", "--config", file.toString(), "--limit", "3")).isZero();
    assertThat(printed()).hasSize(3);
    out.reset();

    assertThat(run("runs", "--config", file.toString(), "--limit", "501")).isEqualTo(2);
    assertThat(run("runs", "--config", file.toString(), "--limit", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--limit must be between 1 and 500, found 501");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void runs_that_started_longer_ago_than_history_days_are_pruned_and_open_ones_kept()
      throws Exception {
    Path file = config("history_days: 30\n");
    RunRecord old =
        started("1001", NOW.minus(Duration.ofDays(31)), "x")
            .finish(Outcome.OK, NOW.minus(Duration.ofDays(31)), null);
    RunRecord recent =
        started("1001", NOW.minus(Duration.ofDays(29)), "x")
            .finish(Outcome.OK, NOW.minus(Duration.ofDays(29)), null);
    RunRecord oldButRunning = started("1001", NOW.minus(Duration.ofDays(40)), RunOwner.current());
    try (JdbcStateStore store = store()) {
      store.importRuns(List.of(old, recent));
      store.startRun(oldButRunning);
    }

    assertThat(run("runs", "--config", file.toString())).isZero();

    assertThat(printed())
        .extracting(r -> r.get("run_id").asText())
        .containsExactly(recent.runId(), oldButRunning.runId());
    try (JdbcStateStore store = store()) {
      assertThat(store.runs(RunQuery.newest(10))).hasSize(2);
    }
  }

  @Test
  void an_empty_history_prints_an_empty_array() throws Exception {
    assertThat(run("runs", "--config", config("").toString())).isZero();

    assertThat(printed()).isEmpty();
  }
}
