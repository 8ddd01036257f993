package io.kb4sync.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.testing.InMemoryStateStore;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpoolTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123Z");

  @TempDir Path dir;

  static RunRecord started(String companyId) {
    return RunRecord.start(
        companyId, RunRecord.SYNC, true, T0, RunRecord.TRIGGER_CLI, "host pid 1", "--dry-run");
  }

  @Test
  void a_spooled_run_is_one_json_line_in_an_owner_only_file_beside_the_configuration()
      throws Exception {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));
    RunRecord run =
        started("1001").finish(Outcome.PARTIAL, T0.plusSeconds(3), "{\n  \"report\" : true\n}");

    spool.append(run);

    Path file = dir.resolve("kb4sync.yaml.runs-spool.jsonl");
    assertThat(spool.file()).isEqualTo(file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    assertThat(new ObjectMapper().readTree(lines.get(0)).get("run_id").asText())
        .isEqualTo(run.runId());
    assertThat(lines.get(0)).contains("\"outcome\":\"partial\"").contains("\"finished_at\":");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(spool.read()).containsExactly(run);
  }

  @Test
  void draining_stores_every_spooled_run_the_later_line_of_a_run_winning_and_deletes_the_spool() {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));
    RunRecord first = started("1001");
    RunRecord ended = first.finish(Outcome.INTERRUPTED, T0.plusSeconds(9), "{}");
    RunRecord other = started("1002");
    spool.append(first);
    spool.append(other);
    spool.append(ended);
    InMemoryStateStore store = new InMemoryStateStore();

    int stored = spool.drainInto(store);

    assertThat(stored).isEqualTo(3);
    assertThat(store.run(first.runId())).contains(ended);
    assertThat(store.run(other.runId())).contains(other);
    assertThat(spool.file()).doesNotExist();
    assertThat(spool.drainInto(store)).as("nothing left").isZero();
  }

  @Test
  void without_a_spool_draining_stores_nothing_and_creates_no_file() {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));

    assertThat(spool.drainInto(new InMemoryStateStore())).isZero();

    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void when_the_store_fails_while_draining_the_spool_is_kept_whole() throws Exception {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));
    spool.append(started("1001"));
    byte[] before = Files.readAllBytes(spool.file());
    StateStore failing =
        (StateStore)
            Proxy.newProxyInstance(
                StateStore.class.getClassLoader(),
                new Class<?>[] {StateStore.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("database or disk is full");
                });

    assertThatThrownBy(() -> spool.drainInto(failing)).hasMessageContaining("disk is full");

    assertThat(Files.readAllBytes(spool.file())).isEqualTo(before);
  }

  @Test
  void a_damaged_line_is_skipped_and_the_others_stored() throws Exception {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));
    RunRecord good = started("1001");
    spool.append(good);
    // A line cut short by a crash, ending inside a two-byte character.
    byte[] cut = "{\"run_id\":\"x\",\"company_id\":\"\u00e9".getBytes(StandardCharsets.UTF_8);
    Files.write(
        spool.file(), java.util.Arrays.copyOf(cut, cut.length - 1), StandardOpenOption.APPEND);
    Files.writeString(spool.file(), "\n", StandardOpenOption.APPEND);
    RunRecord later = started("1002");
    spool.append(later);
    InMemoryStateStore store = new InMemoryStateStore();

    assertThat(spool.drainInto(store)).isEqualTo(2);

    assertThat(store.runs(RunQuery.newest(10))).containsExactlyInAnyOrder(good, later);
  }

  @Test
  void runs_spooled_by_many_threads_at_once_all_arrive_whole() throws Exception {
    RunSpool spool = RunSpool.beside(dir.resolve("kb4sync.yaml"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<RunRecord> runs = new ArrayList<>();
    try {
      List<Future<?>> appends = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        RunRecord run = started("c" + i).finish(Outcome.OK, T0.plusSeconds(1), "x".repeat(5000));
        runs.add(run);
        appends.add(pool.submit(() -> spool.append(run)));
      }
      for (Future<?> append : appends) {
        append.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(spool.read()).containsExactlyInAnyOrderElementsOf(runs);
  }
}
