package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.testing.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DryRunAndFailuresTest {

  private static Scenario messyCompany() {
    return new Scenario(
        tenant(
            m365("boss").department("Sales"),
            m365("new").manager("m365-boss").department("Sales"),
            m365("back"),
            m365("renamed").given("Renamed"),
            m365("moved").mail("moved.now@acme.example").alias("moved@acme.example")),
        account(
            List.of(kb4("boss"), kb4("back").archived(), kb4("renamed"), kb4("moved"), kb4("left")),
            List.of()));
  }

  @Test
  void a_dry_run_writes_nothing_and_stores_no_link() {
    Scenario scenario = messyCompany();

    SyncResult result =
        scenario.sync(options().dryRun().removeStaleUsers().defaultGroup("All Users").build());

    assertThat(result.report().dryRun()).isTrue();
    assertThat(scenario.platform().writes()).isEmpty();
    assertThat(scenario.store().commits()).isZero();
    assertThat(scenario.store().load(Scenario.ACME.companyId()).links()).isEmpty();
    assertThat(result.report().usersCreated())
        .allSatisfy(c -> assertThat(c.enrollmentStatus()).isEqualTo("Planned"));
  }

  @Test
  void a_dry_run_reports_what_the_real_run_then_does() {
    SyncOptions real =
        options()
            .removeStaleUsers()
            .defaultGroup("All Users")
            .mapping(Map.of("Sales", "Sales Team"))
            .build();
    Scenario scenario = messyCompany();

    Report planned = scenario.sync(real.toBuilder().dryRun(true).build()).report();
    Report done = scenario.sync(real).report();

    assertThat(done.usersCreated()).isNotEmpty();
    assertThat(done.usersArchived()).isNotEmpty();
    assertThat(done.usersRestored()).isNotEmpty();
    assertThat(withoutRunFields(planned)).isEqualTo(withoutRunFields(done));
  }

  @Test
  void a_failing_create_is_reported_while_the_others_succeed_with_exit_3() {
    Scenario scenario = new Scenario(tenant(m365("ok1"), m365("bad"), m365("ok2")), account());
    scenario.platform().failCreateOf(email -> email.startsWith("bad"));

    Report report = scenario.sync().report();

    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.success()).isFalse();
    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email)
        .containsExactly("ok1@acme.example", "ok2@acme.example");
    assertThat(report.syncSummary().usersCreated()).isEqualTo(2);
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.email()).isEqualTo("bad@acme.example");
              assertThat(e.operation()).isEqualTo("create");
              assertThat(e.message()).contains("refused");
            });
  }

  @Test
  void a_user_whose_create_failed_is_created_by_the_next_run_and_linked() {
    Scenario scenario = new Scenario(tenant(m365("bad")), account());
    scenario.platform().failCreateOf(email -> true);
    scenario.sync();
    assertThat(scenario.store().load(Scenario.ACME.companyId()).links()).isEmpty();
    scenario.platform().failCreateOf(email -> false);

    Report report = scenario.sync().report();

    assertThat(report.syncSummary().usersCreated()).isEqualTo(1);
    assertThat(scenario.store().load(Scenario.ACME.companyId()).links()).containsKey("m365-bad");
  }

  @Test
  void
      a_user_created_by_a_run_whose_final_commit_failed_and_renamed_before_the_next_run_is_updated_not_recreated() {
    Scenario scenario = new Scenario(tenant(m365("ann"), m365("bob")), account());
    scenario.platform().dieAfterCreates(1);
    scenario.store().failCommit(2); // the provisional links are stored, the final commit fails

    Report interrupted = scenario.sync().report();

    assertThat(interrupted.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(interrupted.exitCode()).isEqualTo(3);
    assertThat(interrupted.syncSummary().usersCreated()).isEqualTo(1);
    assertThat(interrupted.errors())
        .extracting(Report.ErrorEntry::operation)
        .contains("interrupted");
    scenario.platform().dieAfterCreates(Integer.MAX_VALUE);
    String createdEmail = scenario.platform().writes().get(0).substring("create ".length());
    String local = createdEmail.substring(0, createdEmail.indexOf('@'));
    scenario.tenant(
        tenant(
            local.equals("ann") ? m365("ann").mail("ann.new@acme.example") : m365("ann"),
            local.equals("bob") ? m365("bob").mail("bob.new@acme.example") : m365("bob")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.syncSummary().usersCreated()).isEqualTo(1);
    assertThat(report.attributeUpdates().emailsUpdated()).isEqualTo(1);
    assertThat(scenario.platform().byEmail(local + ".new@acme.example")).isNotNull();
    assertThat(scenario.platform().byEmail(createdEmail)).isNull();
  }

  @Test
  void the_same_inputs_give_the_same_report() {
    Report first = messyCompany().sync(options().removeStaleUsers().dryRun().build()).report();
    Report second = messyCompany().sync(options().removeStaleUsers().dryRun().build()).report();

    assertThat(first).isEqualTo(second);
  }

  /** The report with the fields the contract lets differ between a dry and a real run blanked. */
  private static Report withoutRunFields(Report r) {
    Report.SyncSummary s = r.syncSummary();
    return new Report(
        r.success(),
        new Report.SyncSummary(
            s.company(),
            s.m365UsersFound(),
            s.knowbe4UsersFound(),
            s.usersMatched(),
            s.usersCreated(),
            s.usersUpdated(),
            s.usersArchived(),
            s.groupsSynced(),
            null),
        r.usersCreated().stream()
            .map(
                c ->
                    new Report.CreatedUser(
                        c.email(),
                        c.firstName(),
                        c.lastName(),
                        c.department(),
                        c.knowbe4Group(),
                        null,
                        c.knowbe4Groups()))
            .toList(),
        r.usersArchived(),
        r.attributeUpdates(),
        r.groupChanges(),
        false,
        r.companyId(),
        r.exitCode(),
        r.outcome(),
        r.usersRestored(),
        r.stagedArchives(),
        r.stagedArchivesFingerprint(),
        r.consentCommand(),
        r.heldCreates(),
        r.userUpdates(),
        r.groupsCreated(),
        r.conflicts(),
        r.warnings(),
        r.errors());
  }
}
