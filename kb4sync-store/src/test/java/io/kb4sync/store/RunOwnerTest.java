package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunOwnerTest {

  private static final String HOST = RunOwner.HostName.VALUE;

  @Test
  void this_process_is_named_by_host_pid_and_start_time_and_is_alive() {
    String owner = RunOwner.current();

    assertThat(owner)
        .startsWith(HOST + " pid " + ProcessHandle.current().pid() + " started ")
        .matches("\\S+ pid \\d+ started \\d{4}-\\d\\d-\\d\\dT\\S+Z");
    assertThat(RunOwner.isAlive(owner)).isTrue();
  }

  @Test
  void a_process_that_has_ended_is_dead() throws Exception {
    Process child =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String owner = RunOwner.describe(child.toHandle());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(RunOwner.isAlive(owner)).isFalse();
  }

  @Test
  void a_live_pid_with_another_start_time_is_a_reused_pid_and_so_dead() {
    long pid = ProcessHandle.current().pid();

    assertThat(RunOwner.isAlive(HOST + " pid " + pid + " started 2001-01-01T00:00:00Z")).isFalse();
    assertThat(RunOwner.isAlive(HOST + " pid " + pid)).as("no start time: the pid").isTrue();
  }

  @Test
  void a_run_of_another_host_is_taken_as_alive() {
    assertThat(
            RunOwner.isAlive(
                "not-" + HOST + " pid 1 started " + Instant.parse("2001-01-01T00:00:00Z")))
        .isTrue();
  }

  @Test
  void no_owner_or_an_owner_in_another_form_is_dead() {
    assertThat(RunOwner.isAlive(null)).isFalse();
    assertThat(RunOwner.isAlive("")).isFalse();
    assertThat(RunOwner.isAlive("somebody")).isFalse();
    assertThat(RunOwner.isAlive(HOST + " pid 1 started yesterday")).isFalse();
  }
}
