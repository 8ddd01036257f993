package io.kb4sync.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.testing.InMemoryStateStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  @TempDir Path dir;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  static RunRecord started() {
    return RunRecord.start(
        "1001", RunRecord.SYNC, false, T0, RunRecord.TRIGGER_CLI, "host pid 1", "");
  }

  /** A state store whose every call fails, as a full disk or a dropped database would. */
  static StateStore broken() {
    return (StateStore)
        Proxy.newProxyInstance(
            StateStore.class.getClassLoader(),
            new Class<?>[] {StateStore.class},
            (proxy, method, args) -> {
              throw new IllegalStateException("database or disk is full");
            });
  }

  @Test
  void a_run_is_running_in_the_store_from_its_start_and_ends_with_its_outcome() {
    InMemoryStateStore store = new InMemoryStateStore();
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));

    RecordedRun run = RecordedRun.start(store, spool, new PrintStream(err), started());

    assertThat(store.run(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    run.finish(Outcome.HELD, T0.plusSeconds(9), "{}");
    RunRecord ended = store.run(run.runId()).orElseThrow();
    assertThat(ended.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(ended.outcome()).isEqualTo(Outcome.HELD);
    assertThat(ended.exitCode()).isEqualTo(4);
    assertThat(spool.read()).isEmpty();
  }

  @Test
  void a_store_that_refuses_the_record_leaves_it_in_the_spool_and_the_next_start_stores_it() {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));

    RecordedRun run =
        RecordedRun.start(
            broken(), spool, new PrintStream(err, true, StandardCharsets.UTF_8), started());
    run.finish(Outcome.INTERRUPTED, T0.plusSeconds(5), "{\"outcome\":\"interrupted\"}");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("database or disk is full")
        .contains(spool.file().toString());
    InMemoryStateStore next = new InMemoryStateStore();
    assertThat(spool.drainInto(next)).isPositive();
    RunRecord stored = next.run(run.runId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(stored.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(stored.reportJson()).isEqualTo("{\"outcome\":\"interrupted\"}");
    assertThat(spool.read()).isEmpty();
  }
}
