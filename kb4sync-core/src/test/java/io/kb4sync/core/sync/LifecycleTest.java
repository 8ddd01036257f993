package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.plan.Scope;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.testing.Scenario;
import io.kb4sync.core.training.TrainingSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void an_in_scope_user_without_a_match_is_created_and_invited() {
    Scenario scenario =
        new Scenario(tenant(m365("hal").department("Sales").title("Rep")), account());

    Report report = scenario.sync().report();

    assertThat(report.usersCreated())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.email()).isEqualTo("hal@acme.example");
              assertThat(c.firstName()).isEqualTo("Hal");
              assertThat(c.lastName()).isEqualTo("Tester");
              assertThat(c.department()).isEqualTo("Sales");
              assertThat(c.enrollmentStatus()).isEqualTo("Invited");
            });
    assertThat(scenario.platform().byEmail("hal@acme.example").title()).isEqualTo("Rep");
  }

  @Test
  void an_archived_match_is_restored_not_created() {
    Scenario scenario = new Scenario(tenant(m365("ivy")), account(kb4("ivy").archived()));

    Report report = scenario.sync().report();

    assertThat(report.usersRestored())
        .extracting(Report.RestoredUser::email)
        .containsExactly("ivy@acme.example");
    assertThat(report.usersCreated()).isEmpty();
    assertThat(report.syncSummary().usersMatched()).isZero();
    assertThat(report.syncSummary().knowbe4UsersFound()).isZero();
    assertThat(scenario.platform().writes()).containsExactly("restore kb-ivy");
    assertThat(scenario.platform().byEmail("ivy@acme.example").active()).isTrue();
  }

  @Test
  void a_create_that_finds_an_archived_user_already_holding_the_email_restores_that_user() {
    Scenario scenario = new Scenario(tenant(m365("jay")), account());
    scenario.platform().hiddenUntilCreate(kb4("jay").archived().build());

    Report report = scenario.sync().report();

    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email)
        .containsExactly("jay@acme.example");
    assertThat(scenario.platform().writes())
        .containsExactly("create jay@acme.example", "restore kb-jay");
    assertThat(scenario.platform().byEmail("jay@acme.example").active()).isTrue();
    assertThat(scenario.store().load(Scenario.ACME.companyId()).links().get("m365-jay").knowbe4Id())
        .isEqualTo("kb-jay");
  }

  @Test
  void stale_users_are_archived_with_the_reason_and_when_they_were_last_seen() {
    Scenario scenario =
        new Scenario(
            tenant(m365("keep"), m365("gone"), m365("dis"), m365("guest"), m365("lic")),
            account(kb4("keep"), kb4("gone"), kb4("dis"), kb4("guest"), kb4("lic")));
    scenario.sync();
    scenario
        .at(Scenario.NOW.plus(Duration.ofDays(1)))
        .tenant(
            tenant(
                m365("keep"),
                m365("dis").disabled(),
                m365("guest").guest(),
                m365("lic").licenses()));

    Report report = scenario.sync(options().removeStaleUsers().threshold(10, 10).build()).report();

    assertThat(report.usersArchived())
        .extracting(
            Report.ArchivedUser::email,
            Report.ArchivedUser::reason,
            Report.ArchivedUser::lastM365Sync)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "dis@acme.example", Scope.DISABLED, "2026-11-30T06:00:00Z"),
            org.assertj.core.groups.Tuple.tuple(
                "gone@acme.example", Scope.GONE, "2026-11-30T06:00:00Z"),
            org.assertj.core.groups.Tuple.tuple(
                "guest@acme.example", Scope.NOT_MEMBER, "2026-11-30T06:00:00Z"),
            org.assertj.core.groups.Tuple.tuple(
                "lic@acme.example", Scope.UNLICENSED, "2026-11-30T06:00:00Z"));
    assertThat(report.syncSummary().usersArchived()).isEqualTo(4);
  }

  @Test
  void a_stale_user_never_seen_by_a_sync_has_no_last_m365_sync() {
    Scenario scenario = new Scenario(tenant(m365("a")), account(kb4("a"), kb4("never")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.usersArchived())
        .singleElement()
        .satisfies(a -> assertThat(a.lastM365Sync()).isNull());
  }

  @Test
  void a_stale_user_outside_the_verified_domains_is_never_archived() {
    Scenario scenario =
        new Scenario(
            tenant(m365("a")),
            account(kb4("a"), kb4("partner").email("partner@elsewhere.example")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.usersArchived()).isEmpty();
    assertThat(scenario.platform().writes()).isEmpty();
    assertThat(report.syncSummary().knowbe4UsersFound()).isEqualTo(2);
  }

  @Test
  void with_remove_stale_users_false_nothing_is_archived() {
    Scenario scenario = new Scenario(tenant(m365("a")), account(kb4("a"), kb4("left")));

    Report report = scenario.sync().report();

    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.stagedArchives()).isEmpty();
    assertThat(scenario.platform().writes()).isEmpty();
    assertThat(report.warnings())
        .anySatisfy(w -> assertThat(w).contains("remove_stale_users is false"));
    assertThat(report.success()).isTrue();
  }

  @Test
  void a_company_that_opted_in_deletes_stale_users_instead_of_archiving() {
    Scenario scenario = new Scenario(tenant(m365("a")), account(kb4("a"), kb4("left")));

    Report report = scenario.sync(options().removeStaleUsers().deleteStale().build()).report();

    assertThat(report.usersArchived())
        .extracting(Report.ArchivedUser::email)
        .containsExactly("left@acme.example");
    assertThat(scenario.platform().writes()).containsExactly("delete kb-left");
  }

  @Test
  void creates_beyond_the_accounts_seats_are_held_with_exit_3() {
    TrainingSnapshot full =
        new TrainingSnapshot(List.of(kb4("a").build()), List.of(), OptionalInt.of(2));
    Scenario scenario = new Scenario(tenant(m365("a"), m365("b"), m365("c")), full);

    Report report = scenario.sync().report();

    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email)
        .containsExactly("b@acme.example");
    assertThat(report.heldCreates())
        .extracting(Report.HeldCreate::email)
        .containsExactly("c@acme.example");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.success()).isFalse();
    assertThat(report.warnings())
        .anySatisfy(w -> assertThat(w).contains("1 creates held").contains("2 seats"));
  }

  @Test
  void a_second_run_with_nothing_changed_writes_nothing() {
    Scenario scenario =
        new Scenario(
            tenant(m365("boss"), m365("a").manager("m365-boss").department("Sales"), m365("b")),
            account(kb4("b").title("Old")));
    SyncOptions options =
        options()
            .defaultGroup("All Users")
            .mapping(java.util.Map.of("sales", "Sales Team"))
            .build();
    scenario.sync(options);
    int writes = scenario.platform().writes().size();

    Report second = scenario.sync(options).report();

    assertThat(writes).isPositive();
    assertThat(scenario.platform().writes()).hasSize(writes);
    assertThat(second.syncSummary().usersMatched()).isEqualTo(3);
    assertThat(second.syncSummary().usersUpdated()).isZero();
    assertThat(second.groupChanges().groupAdditions()).isZero();
  }
}
