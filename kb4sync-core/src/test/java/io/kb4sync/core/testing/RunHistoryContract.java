package io.kb4sync.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The run history every {@link StateStore} keeps (docs/history.md): the in-memory store here, and
 * SQLite and PostgreSQL in kb4sync-store, run these same tests.
 */
public abstract class RunHistoryContract {

  protected static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123Z");
  protected static final String OWNER = "build-01 pid 4242 started 2026-11-20T07:59:58.001Z";

  /** An empty store that only this test uses. */
  protected abstract StateStore emptyStore();

  protected static RunRecord running(String runId, String companyId, Instant startedAt) {
    return new RunRecord(
        runId,
        companyId,
        RunRecord.SYNC,
        false,
        RunStatus.RUNNING,
        null,
        startedAt,
        null,
        RunRecord.TRIGGER_CLI,
        OWNER,
        "--company " + companyId,
        null);
  }

  protected static RunRecord ended(String runId, String companyId, Instant startedAt) {
    return running(runId, companyId, startedAt)
        .finish(Outcome.OK, startedAt.plusSeconds(42), "{\"success\":true}");
  }

  private static RunRecord owned(RunRecord run, String owner) {
    return new RunRecord(
        run.runId(),
        run.companyId(),
        run.kind(),
        run.dryRun(),
        run.status(),
        run.outcome(),
        run.startedAt(),
        run.finishedAt(),
        run.trigger(),
        owner,
        run.options(),
        run.reportJson());
  }

  private static List<String> ids(List<RunRecord> runs) {
    return runs.stream().map(RunRecord::runId).toList();
  }

  @Test
  void a_started_run_reads_back_running_without_outcome_exit_code_or_finish_time() {
    StateStore store = emptyStore();
    RunRecord run =
        RunRecord.start(
            "1001", RunRecord.SYNC, true, T0, RunRecord.TRIGGER_CLI, OWNER, "--dry-run");

    store.startRun(run);

    RunRecord stored = store.run(run.runId()).orElseThrow();
    assertThat(stored).isEqualTo(run);
    assertThat(stored.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(stored.outcome()).isNull();
    assertThat(stored.exitCode()).isNull();
    assertThat(stored.finishedAt()).isNull();
    assertThat(stored.reportJson()).isNull();
  }

  @Test
  void a_finished_run_takes_the_status_and_exit_code_of_its_outcome() {
    StateStore store = emptyStore();
    for (Outcome outcome : Outcome.values()) {
      String id = "run-" + outcome.id();
      store.startRun(running(id, "1001", T0));

      store.finishRun(id, outcome, T0.plusSeconds(9), "{\"outcome\":\"" + outcome.id() + "\"}");

      RunRecord stored = store.run(id).orElseThrow();
      assertThat(stored.outcome()).isEqualTo(outcome);
      assertThat(stored.status()).isEqualTo(outcome.status());
      assertThat(stored.exitCode()).isEqualTo(outcome.exitCode());
      assertThat(stored.finishedAt()).isEqualTo(T0.plusSeconds(9));
      assertThat(stored.reportJson()).isEqualTo("{\"outcome\":\"" + outcome.id() + "\"}");
    }
    assertThat(store.run("run-ok").orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(store.run("run-partial").orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(store.run("run-interrupted").orElseThrow().exitCode()).isEqualTo(3);
    assertThat(store.run("run-held").orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
    assertThat(store.run("run-failed").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    assertThat(store.run("run-config_error").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void a_run_keeps_every_field_and_its_report_byte_for_byte() {
    StateStore store = emptyStore();
    RunRecord audit =
        new RunRecord(
                "audit-1",
                "Acme \u00e9/1001",
                RunRecord.AUDIT,
                true,
                RunStatus.RUNNING,
                null,
                T0,
                null,
                RunRecord.apiTrigger("nightly token"),
                OWNER,
                null,
                null)
            .finish(
                Outcome.HELD,
                T0.plusMillis(1),
                "{\"success\": false,\n \"emoji\": \"\u00e9\u2713\"}");
    store.startRun(running("audit-1", "x", T0));
    store.importRuns(List.of(audit));

    assertThat(store.run("audit-1")).contains(audit);
  }

  @Test
  void finishing_a_run_the_history_does_not_hold_is_refused() {
    StateStore store = emptyStore();

    assertThatThrownBy(() -> store.finishRun("no-such-run", Outcome.OK, T0, null))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no-such-run");
    assertThat(store.run("no-such-run")).isEmpty();
  }

  @Test
  void a_run_that_has_already_ended_cannot_be_started_and_a_run_id_is_started_once() {
    StateStore store = emptyStore();
    store.startRun(running("r1", "1001", T0));

    assertThatThrownBy(() -> store.startRun(ended("r2", "1001", T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.startRun(running("r1", "1002", T0.plusSeconds(1))))
        .isInstanceOf(RuntimeException.class);
    assertThat(store.run("r1").orElseThrow().companyId()).isEqualTo("1001");
    assertThat(store.run("r2")).isEmpty();
  }

  @Test
  void runs_come_back_newest_first_by_start_time_then_by_run_id() {
    StateStore store = emptyStore();
    store.startRun(running("b", "1001", T0));
    store.startRun(running("m", "1001", T0.plusSeconds(60)));
    store.startRun(running("a", "1001", T0));
    store.startRun(running("c", "1001", T0));
    store.startRun(running("z", "1001", T0.minusSeconds(60)));

    assertThat(ids(store.runs(RunQuery.ofCompany("1001", 10))))
        .containsExactly("m", "c", "b", "a", "z");
  }

  @Test
  void a_query_keeps_only_its_company_and_kind() {
    StateStore store = emptyStore();
    store.startRun(running("s1", "1001", T0));
    store.startRun(running("s2", "1002", T0.plusSeconds(1)));
    RunRecord audit =
        RunRecord.start(
            "1001",
            RunRecord.AUDIT,
            false,
            T0.plusSeconds(2),
            RunRecord.TRIGGER_SCHEDULE,
            OWNER,
            "");
    store.startRun(audit);

    assertThat(ids(store.runs(RunQuery.newest(10)))).containsExactly(audit.runId(), "s2", "s1");
    assertThat(ids(store.runs(RunQuery.ofCompany("1001", 10))))
        .containsExactly(audit.runId(), "s1");
    assertThat(ids(store.runs(new RunQuery(null, RunRecord.SYNC, 10, null))))
        .containsExactly("s2", "s1");
    assertThat(ids(store.runs(new RunQuery("1001", RunRecord.AUDIT, 10, null))))
        .containsExactly(audit.runId());
    assertThat(store.runs(RunQuery.ofCompany("9999", 10))).isEmpty();
  }

  @Test
  void a_query_gives_no_more_than_its_limit_and_a_limit_of_zero_gives_none() {
    StateStore store = emptyStore();
    for (int i = 0; i < 5; i++) {
      store.startRun(running("r" + i, "1001", T0.plusSeconds(i)));
    }

    assertThat(ids(store.runs(RunQuery.newest(2)))).containsExactly("r4", "r3");
    assertThat(store.runs(RunQuery.newest(0))).isEmpty();
    assertThatThrownBy(() -> RunQuery.newest(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pages_through_before_run_id_follow_each_other_without_gap_or_repeat() {
    StateStore store = emptyStore();
    for (int i = 0; i < 10; i++) {
      // Pairs of runs share a start time (r4 and r5 across a page boundary): the run id decides.
      store.startRun(running("r" + i, i % 3 == 0 ? "1002" : "1001", T0.plusSeconds(i / 2)));
    }

    List<List<String>> pages = new ArrayList<>();
    RunQuery query = RunQuery.ofCompany("1001", 3);
    for (List<RunRecord> page = store.runs(query);
        !page.isEmpty();
        page = store.runs(query.before(page.get(page.size() - 1).runId()))) {
      pages.add(ids(page));
    }

    assertThat(pages).containsExactly(List.of("r8", "r7", "r5"), List.of("r4", "r2", "r1"));
  }

  @Test
  void a_page_before_a_run_id_the_history_does_not_hold_is_empty() {
    StateStore store = emptyStore();
    store.startRun(running("r1", "1001", T0));

    assertThat(store.runs(RunQuery.newest(10).before("pruned-long-ago"))).isEmpty();
    assertThat(store.run("pruned-long-ago")).isEqualTo(Optional.empty());
  }

  @Test
  void open_runs_of_dead_owners_are_abandoned_and_the_others_left_alone() {
    StateStore store = emptyStore();
    RunRecord alive = owned(running("alive", "1001", T0), "host-a pid 1");
    RunRecord dead = owned(running("dead", "1001", T0), "host-a pid 2");
    RunRecord deadButEnded =
        owned(running("ended", "1001", T0), "host-a pid 2").finish(Outcome.OK, T0, null);
    RunRecord queuedDead =
        new RunRecord(
            "queued",
            "1002",
            RunRecord.SYNC,
            false,
            RunStatus.QUEUED,
            null,
            T0,
            null,
            RunRecord.TRIGGER_SCHEDULE,
            "host-a pid 3",
            null,
            null);
    store.startRun(alive);
    store.startRun(dead);
    store.startRun(queuedDead);
    store.importRuns(List.of(deadButEnded));
    Set<String> liveOwners = Set.of("host-a pid 1");
    Instant found = T0.plusSeconds(3600);

    int abandoned = store.abandonDeadRuns(liveOwners::contains, found);

    assertThat(abandoned).isEqualTo(2);
    assertThat(store.run("dead")).contains(dead.abandon(found));
    assertThat(store.run("queued").orElseThrow().status()).isEqualTo(RunStatus.ABANDONED);
    assertThat(store.run("dead").orElseThrow().outcome()).isNull();
    assertThat(store.run("dead").orElseThrow().exitCode()).isNull();
    assertThat(store.run("dead").orElseThrow().finishedAt()).isEqualTo(found);
    assertThat(store.run("alive")).contains(alive);
    assertThat(store.run("ended")).contains(deadButEnded);
    assertThat(store.abandonDeadRuns(liveOwners::contains, found.plusSeconds(1))).isZero();
  }

  @Test
  void a_run_found_abandoned_that_finishes_after_all_takes_its_true_outcome() {
    StateStore store = emptyStore();
    store.startRun(running("r1", "1001", T0));
    store.abandonDeadRuns(owner -> false, T0.plusSeconds(5));

    store.finishRun("r1", Outcome.PARTIAL, T0.plusSeconds(9), "{}");

    RunRecord run = store.run("r1").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void pruning_deletes_ended_runs_started_before_the_cutoff_and_keeps_open_ones() {
    StateStore store = emptyStore();
    store.importRuns(
        List.of(
            ended("old", "1001", T0.minusSeconds(7200)),
            ended("at-cutoff", "1001", T0),
            ended("new", "1002", T0.plusSeconds(1)),
            running("old-but-open", "1001", T0.minusSeconds(7200)),
            running("old-abandoned", "1001", T0.minusSeconds(7200)).abandon(T0)));

    int pruned = store.pruneRuns(T0);

    assertThat(pruned).isEqualTo(2);
    assertThat(ids(store.runs(RunQuery.newest(10))))
        .containsExactly("new", "at-cutoff", "old-but-open");
    assertThat(store.pruneRuns(T0)).isZero();
  }

  @Test
  void
      imported_runs_are_inserted_or_replace_the_run_with_their_id_and_importing_twice_is_harmless() {
    StateStore store = emptyStore();
    RunRecord started = running("r1", "1001", T0);
    store.startRun(started);
    RunRecord finished = started.finish(Outcome.INTERRUPTED, T0.plusSeconds(30), "{\"x\":1}");
    RunRecord other = ended("r2", "1002", T0.plusSeconds(1));
    RunRecord onlySpooled = running("r3", "1003", T0.plusSeconds(2));

    List<RunRecord> spool =
        List.of(running("r2", "1002", T0.plusSeconds(1)), finished, other, onlySpooled);
    store.importRuns(spool);
    store.importRuns(spool);

    assertThat(store.runs(RunQuery.newest(10))).containsExactly(onlySpooled, other, finished);
    store.importRuns(List.of());
    assertThat(store.runs(RunQuery.newest(10))).hasSize(3);
  }

  @Test
  void a_queued_run_starts_once_taking_its_start_time_and_the_owner_that_runs_it() {
    StateStore store = emptyStore();
    RunRecord queued =
        RunRecord.queued("1001", RunRecord.SYNC, false, T0, "api:ops", OWNER, "dry_run=false");
    store.startRun(queued);
    assertThat(store.run(queued.runId()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

    String node = "node-2 pid 7 started 2026-11-20T07:00:00Z";
    assertThat(store.markRunning(queued.runId(), T0.plusSeconds(3), node)).isTrue();
    assertThat(store.markRunning(queued.runId(), T0.plusSeconds(4), OWNER)).isFalse();
    assertThat(store.markRunning("no-such-run", T0, OWNER)).isFalse();

    RunRecord running = store.run(queued.runId()).orElseThrow();
    assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(running.owner()).isEqualTo(node);
    assertThat(running.trigger()).isEqualTo("api:ops");
    assertThat(running.outcome()).isNull();
  }

  @Test
  void a_cancelled_queued_run_is_skipped_and_can_no_longer_start_nor_be_cancelled() {
    StateStore store = emptyStore();
    RunRecord queued =
        RunRecord.queued("1001", RunRecord.AUDIT, false, T0, "api:ops", OWNER, "kind=audit");
    store.startRun(queued);

    assertThat(store.endRun(queued.runId(), RunStatus.QUEUED, RunStatus.SKIPPED, T0.plusSeconds(1)))
        .isTrue();
    assertThat(store.markRunning(queued.runId(), T0.plusSeconds(2), OWNER)).isFalse();
    assertThat(store.endRun(queued.runId(), RunStatus.QUEUED, RunStatus.SKIPPED, T0.plusSeconds(3)))
        .isFalse();

    RunRecord skipped = store.run(queued.runId()).orElseThrow();
    assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(skipped.finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(skipped.outcome()).isNull();
    assertThat(skipped.exitCode()).isNull();
  }

  @Test
  void a_running_run_cannot_be_cancelled_as_queued_but_can_be_skipped_while_running() {
    StateStore store = emptyStore();
    store.startRun(running("r1", "1001", T0));

    assertThat(store.endRun("r1", RunStatus.QUEUED, RunStatus.SKIPPED, T0.plusSeconds(1)))
        .isFalse();
    assertThat(store.run("r1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(store.endRun("r1", RunStatus.RUNNING, RunStatus.SKIPPED, T0.plusSeconds(1)))
        .isTrue();
    assertThat(store.run("r1").orElseThrow().status()).isEqualTo(RunStatus.SKIPPED);
    assertThatThrownBy(
            () -> store.endRun("r1", RunStatus.FINISHED, RunStatus.SKIPPED, T0.plusSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.endRun("r1", RunStatus.RUNNING, RunStatus.FINISHED, T0.plusSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
