package io.kb4sync.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.testing.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which runs make a series of failures: a run the node's own stop ended is not one of them. */
class FailuresTest {
  final InMemoryStateStore store = new InMemoryStateStore();
  final Instant start = Instant.parse("2026-12-05T02:00:00Z");
  final Failures failures = new Failures(store, () -> null, Clock.fixed(start, ZoneOffset.UTC));
  int minutes;

  RunRecord ended(String operation) {
    Instant at = start.plusSeconds(60L * ++minutes);
    RunRecord run = RunRecord.start("1001", RunRecord.SYNC, false, at, "schedule", "node-a", "");
    store.startRun(run);
    String json = "{\"errors\":[{\"email\":null,\"operation\":\"" + operation + "\"}]}";
    store.finishRun(run.runId(), Outcome.FAILED, at.plusSeconds(5), json);
    RunRecord finished = store.run(run.runId()).orElseThrow();
    failures.ended(finished, null);
    return finished;
  }

  @Test
  void runs_stopped_while_they_read_neither_count_nor_break_a_series_of_failures() {
    ended("read Microsoft Graph");
    ended("stop");
    ended("read KnowBe4");
    RunRecord stopped = ended("stop");

    assertThat(Failures.stoppedBeforeWriting(stopped)).isTrue();
    assertThat(failures.consecutiveFailures("1001")).isEqualTo(2);
    assertThat(failures.failing()).containsEntry("1001", 2);
  }

  @Test
  void a_run_that_failed_for_its_own_reason_is_not_taken_for_a_stop() {
    assertThat(Failures.stoppedBeforeWriting(ended("read KnowBe4"))).isFalse();
    assertThat(Failures.stoppedBeforeWriting(ended("configuration"))).isFalse();
  }
}
