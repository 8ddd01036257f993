package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.testing.Scenario;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A failure after writes began: the report tells what was done, and no retry duplicates a user. */
class InterruptionsTest {

  private static Scenario threeNewHires() {
    return new Scenario(tenant(m365("ann"), m365("bob"), m365("cid")), account());
  }

  private static long creates(Scenario scenario) {
    return scenario.platform().writes().stream().filter(w -> w.startsWith("create ")).count();
  }

  @Test
  void a_store_that_refuses_the_final_commit_leaves_a_report_of_every_write_and_exit_3() {
    Scenario scenario = threeNewHires();
    scenario.store().failCommit(2);

    Report report = scenario.sync().report();

    assertThat(report.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.success()).isFalse();
    assertThat(report.usersCreated()).hasSize(3);
    assertThat(report.syncSummary().usersCreated()).isEqualTo(3);
    assertThat(report.errors())
        .anySatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo("interrupted");
              assertThat(e.message()).contains("state store refused the final commit");
            });
  }

  @Test
  void the_run_after_a_refused_final_commit_creates_no_duplicate() {
    Scenario scenario = threeNewHires();
    scenario.store().failCommit(2);
    scenario.sync();

    Report next = scenario.sync().report();

    assertThat(next.outcome()).isEqualTo(Outcome.OK);
    assertThat(next.usersCreated()).isEmpty();
    assertThat(next.syncSummary().usersMatched()).isEqualTo(3);
    assertThat(creates(scenario)).isEqualTo(3);
  }

  @Test
  void a_store_that_refuses_the_links_before_any_write_ends_the_run_with_exit_1_and_no_write() {
    Scenario scenario = threeNewHires();
    scenario.store().failCommit(1);

    Report report = scenario.sync().report();

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void a_lock_lost_mid_phase_stops_further_writes_and_the_links_are_not_stored() {
    Scenario scenario = threeNewHires();
    AtomicInteger created = new AtomicInteger();
    scenario
        .platform()
        .afterCreate(
            () -> {
              if (created.incrementAndGet() == 2) {
                scenario.store().loseLocks("the server ended the session");
              }
            });

    Report report = scenario.sync(options().writeConcurrency(1).build()).report();

    assertThat(creates(scenario)).isEqualTo(2);
    assertThat(report.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(report.usersCreated()).hasSize(2);
    assertThat(report.errors())
        .anySatisfy(
            e ->
                assertThat(e.message())
                    .contains("company lock was lost: the server ended the session")
                    .contains("links of this run were not stored"));
  }

  @Test
  void the_run_after_a_lost_lock_creates_only_who_is_missing() {
    Scenario scenario = threeNewHires();
    AtomicInteger created = new AtomicInteger();
    scenario
        .platform()
        .afterCreate(
            () -> {
              if (created.incrementAndGet() == 2) {
                scenario.store().loseLocks("the server ended the session");
              }
            });
    scenario.sync(options().writeConcurrency(1).build());
    scenario.store().loseLocks(null);

    Report next = scenario.sync().report();

    assertThat(next.usersCreated()).hasSize(1);
    assertThat(creates(scenario)).isEqualTo(3);
  }

  @Test
  void a_stop_signal_sends_no_new_write_and_reports_what_was_done() {
    Scenario scenario = threeNewHires();
    StopSignal stop = new StopSignal();
    scenario.stop(stop);
    scenario.platform().afterCreate(() -> stop.request("kb4sync was told to stop (SIGTERM)"));

    Report report = scenario.sync(options().writeConcurrency(1).build()).report();

    assertThat(creates(scenario)).isEqualTo(1);
    assertThat(report.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(report.usersCreated()).hasSize(1);
    assertThat(report.errors())
        .anySatisfy(e -> assertThat(e.message()).contains("told to stop (SIGTERM)"));
    assertThat(scenario.store().load(Scenario.ACME.companyId()).links()).hasSize(1);
  }
}
