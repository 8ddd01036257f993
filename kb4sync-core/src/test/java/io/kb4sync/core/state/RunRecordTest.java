package io.kb4sync.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123Z");

  private static RunRecord started() {
    return RunRecord.start("1001", RunRecord.SYNC, false, T0, RunRecord.TRIGGER_CLI, "me", "");
  }

  @Test
  void a_started_run_is_running_with_a_new_id_and_no_exit_code() {
    RunRecord run = started();

    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.runId()).matches("[0-9A-HJKMNP-TV-Z]{26}");
    assertThat(run.exitCode()).isNull();
    assertThat(run.outcome()).isNull();
    assertThat(run.finishedAt()).isNull();
  }

  @Test
  void the_exit_code_and_the_status_follow_from_the_outcome() {
    assertThat(started().finish(Outcome.HELD, T0, null).exitCode()).isEqualTo(4);
    assertThat(started().finish(Outcome.INTERRUPTED, T0, null).exitCode()).isEqualTo(3);
    assertThat(started().finish(Outcome.CONFIG_ERROR, T0, null).status())
        .isEqualTo(RunStatus.FAILED);
    assertThat(started().abandon(T0).exitCode()).isNull();
  }

  @Test
  void a_record_whose_status_contradicts_its_outcome_or_times_is_refused() {
    assertThatThrownBy(
            () ->
                new RunRecord(
                    "r",
                    "1001",
                    "sync",
                    false,
                    RunStatus.RUNNING,
                    Outcome.OK,
                    T0,
                    null,
                    "cli",
                    "me",
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RunRecord(
                    "r",
                    "1001",
                    "sync",
                    false,
                    RunStatus.FINISHED,
                    Outcome.FAILED,
                    T0,
                    T0,
                    "cli",
                    "me",
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RunRecord(
                    "r",
                    "1001",
                    "sync",
                    false,
                    RunStatus.FAILED,
                    Outcome.FAILED,
                    T0,
                    null,
                    "cli",
                    "me",
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RunRecord(
                    "r",
                    "1001",
                    "sync",
                    false,
                    RunStatus.ABANDONED,
                    Outcome.OK,
                    T0,
                    T0,
                    "cli",
                    "me",
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kind_and_trigger_take_only_the_contract_values() {
    for (String trigger : List.of("cli", "schedule", "api:nightly", "ui:Jane Doe")) {
      assertThatCode(() -> RunRecord.start("1001", RunRecord.AUDIT, false, T0, trigger, "me", null))
          .doesNotThrowAnyException();
    }
    for (String trigger : List.of("", "cron", "api:", "ui: x", "CLI")) {
      assertThatThrownBy(() -> RunRecord.start("1001", "sync", false, T0, trigger, "me", null))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> RunRecord.start("1001", "doctor", false, T0, "cli", "me", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RunRecord.apiTrigger("t")).isEqualTo("api:t");
    assertThat(RunRecord.uiTrigger("u")).isEqualTo("ui:u");
  }

  @Test
  void run_ids_are_unique_and_sort_as_their_times_do_even_within_one_millisecond() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(RunRecord.newRunId(T0));
    }
    ids.add(RunRecord.newRunId(T0.plusMillis(1)));
    ids.add(RunRecord.newRunId(T0.plusSeconds(86_400 * 365L)));
    Set<String> unique = new HashSet<>(ids);

    assertThat(unique).hasSize(ids.size());
    assertThat(ids).isSorted();
    assertThat(RunRecord.newRunId(Instant.EPOCH)).startsWith("0000000000");
    assertThat(RunRecord.newRunId(T0).compareTo(RunRecord.newRunId(T0.minusMillis(1))))
        .isPositive();
  }
}
