package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.Guard;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardsTest {

  /** 20 active KnowBe4 users, of whom {@code leaving} are no longer in Microsoft 365. */
  private static Scenario company(int leaving) {
    List<People.M365> staying = new ArrayList<>();
    List<People.Kb4> everyone = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      everyone.add(kb4("u" + i));
      if (i >= leaving) {
        staying.add(m365("u" + i));
      }
    }
    staying.add(m365("newbie"));
    return new Scenario(tenant(staying), account(everyone, List.of()));
  }

  @Test
  void archiving_more_than_the_threshold_is_held_but_creates_still_happen() {
    Scenario scenario = company(6); // 6 > max(5, 10% of 20)

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.exitCode()).isEqualTo(4);
    assertThat(report.success()).isFalse();
    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.stagedArchives())
        .hasSize(6)
        .allSatisfy(s -> assertThat(s.heldBy()).contains("--allow-mass-archive"));
    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email)
        .containsExactly("newbie@acme.example");
    assertThat(scenario.platform().writes()).noneMatch(w -> w.startsWith("archive"));
  }

  @Test
  void archiving_up_to_the_threshold_proceeds() {
    Scenario scenario = company(5);

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.exitCode()).isZero();
    assertThat(report.usersArchived()).hasSize(5);
  }

  @Test
  void the_percentage_threshold_wins_when_it_is_larger_than_the_count() {
    Scenario scenario = company(6);

    Report report = scenario.sync(options().removeStaleUsers().threshold(5, 30).build()).report();

    assertThat(report.usersArchived()).hasSize(6); // 6 <= 30% of 20
  }

  @Test
  void allow_mass_archive_lifts_the_threshold_guard() {
    Scenario scenario = company(6);

    Report report =
        scenario.sync(options().removeStaleUsers().allowMassArchive(6).build()).report();

    assertThat(report.exitCode()).isZero();
    assertThat(report.usersArchived()).hasSize(6);
  }

  @Test
  void a_consent_one_short_of_the_plan_is_held_again_and_nothing_is_archived() {
    Scenario scenario = company(6);

    Report report =
        scenario.sync(options().removeStaleUsers().allowMassArchive(5).build()).report();

    assertThat(report.outcome()).isEqualTo(Outcome.HELD);
    assertThat(report.exitCode()).isEqualTo(4);
    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.stagedArchives())
        .hasSize(6)
        .allSatisfy(
            s -> {
              assertThat(s.guard()).isEqualTo(Guard.THRESHOLD);
              assertThat(s.heldBy()).contains("at most 5").contains("--allow-mass-archive=6");
            });
    assertThat(scenario.platform().writes()).noneMatch(w -> w.startsWith("archive"));
  }

  @Test
  void a_consent_of_zero_allows_no_archive() {
    Scenario scenario = company(6);

    Report report =
        scenario.sync(options().removeStaleUsers().allowMassArchive(0).build()).report();

    assertThat(report.outcome()).isEqualTo(Outcome.HELD);
    assertThat(report.usersArchived()).isEmpty();
  }

  @Test
  void approving_the_held_fingerprint_archives_exactly_the_held_set() {
    Scenario scenario = company(6);
    Report held = scenario.sync(options().removeStaleUsers().build()).report();

    Report approved =
        scenario
            .sync(
                options().removeStaleUsers().approveHeld(held.stagedArchivesFingerprint()).build())
            .report();

    assertThat(approved.outcome()).isEqualTo(Outcome.OK);
    assertThat(approved.usersArchived())
        .extracting(Report.ArchivedUser::email)
        .containsExactlyElementsOf(
            held.stagedArchives().stream().map(Report.StagedArchive::email).toList());
  }

  @Test
  void
      an_approval_of_a_set_that_changed_since_it_was_held_archives_nothing_and_holds_the_new_set() {
    Report held = company(6).sync(options().removeStaleUsers().build()).report();
    Scenario changed = company(7);

    Report report =
        changed
            .sync(
                options().removeStaleUsers().approveHeld(held.stagedArchivesFingerprint()).build())
            .report();

    assertThat(report.outcome()).isEqualTo(Outcome.HELD);
    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.stagedArchives()).hasSize(7);
    assertThat(report.stagedArchivesFingerprint()).isNotEqualTo(held.stagedArchivesFingerprint());
    assertThat(report.stagedArchives().get(0).heldBy()).contains("changed since it was held");
    assertThat(changed.platform().writes()).noneMatch(w -> w.startsWith("archive"));
  }

  @Test
  void no_in_scope_users_in_microsoft_365_holds_every_archive_even_with_allow_mass_archive() {
    Scenario scenario = new Scenario(tenant(m365("a").licenses()), account(kb4("a"), kb4("b")));

    Report report =
        scenario.sync(options().removeStaleUsers().allowMassArchive(100).build()).report();

    assertThat(report.exitCode()).isEqualTo(4);
    assertThat(report.stagedArchives())
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.heldBy()).contains("no in-scope users"));
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void an_incomplete_microsoft_365_read_ends_the_run_with_exit_1_and_no_write() {
    DirectorySnapshot full = tenant(m365("a"));
    DirectorySnapshot partial =
        new DirectorySnapshot(
            full.tenantId(), full.users(), full.verifiedDomains(), full.subscribedSkus(), false);
    Scenario scenario = new Scenario(partial, account(kb4("b")));

    Report report =
        scenario.sync(options().removeStaleUsers().allowMassArchive(100).build()).report();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("incomplete"));
    assertThat(scenario.platform().writes()).isEmpty();
    assertThat(scenario.store().commits()).isZero();
  }

  @Test
  void a_failed_knowbe4_read_ends_the_run_with_exit_1_and_no_write() {
    Scenario scenario = new Scenario(tenant(m365("a")), account());
    scenario
        .platform()
        .failRead(
            new io.kb4sync.core.remote.RemoteException(
                io.kb4sync.core.remote.RemoteException.Kind.UNAVAILABLE,
                "KnowBe4 SCIM",
                "KnowBe4 SCIM at https://x/scim/v2 is unavailable after 6 attempts"));

    Report report = scenario.sync().report();

    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.operation()).isEqualTo("read KnowBe4 SCIM"));
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void a_company_locked_by_another_run_is_refused_with_exit_1_and_syncs_once_released() {
    Scenario scenario = new Scenario(tenant(m365("a")), account());
    io.kb4sync.core.state.CompanyLock held = scenario.store().lock(Scenario.ACME.companyId());
    Report refused;
    try {
      refused = scenario.sync().report();
    } finally {
      held.close();
    }

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("locked"));
    assertThat(scenario.platform().writes()).isEmpty();
    assertThat(scenario.sync().report().exitCode()).isZero();
    assertThat(scenario.platform().writes()).containsExactly("create a@acme.example");
  }
}
