package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notification.Section;
import io.kb4sync.core.notify.Notification.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportNotificationsTest {

  private static Notification compose(TestReports report) {
    return ReportNotifications.compose(report.build(), List.of("it@acme.example"), 3, "{}");
  }

  private static Section section(Notification n, String heading) {
    return n.sections().stream()
        .filter(s -> s.heading().equals(heading))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no section " + heading + " in " + n.sections()));
  }

  @Test
  void a_quiet_successful_sync_is_info_and_says_no_changes() {
    Notification n = compose(TestReports.quiet());

    assertThat(n.severity()).isEqualTo(Severity.INFO);
    assertThat(n.title()).isEqualTo("KnowBe4 sync: Acme Corp — no changes");
    assertThat(n.companyId()).isEqualTo("1001");
    assertThat(n.companyName()).isEqualTo("Acme Corp");
    assertThat(n.kind()).isEqualTo("sync");
    assertThat(n.recipients()).containsExactly("it@acme.example");
    assertThat(n.consentCommand()).isNull();
    assertThat(n.sections()).isEmpty();
  }

  @Test
  void counts_of_every_kind_are_facts() {
    Notification n =
        compose(
            TestReports.quiet()
                .created("a@acme.example", "Ann", "Lee")
                .archived("old@acme.example")
                .updated("b@acme.example", "job_title", "Clerk", "Manager")
                .memberships(4, 1));

    assertThat(n.facts())
        .extracting(Notification.Fact::name, Notification.Fact::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Created", "1"),
            org.assertj.core.groups.Tuple.tuple("Restored", "0"),
            org.assertj.core.groups.Tuple.tuple("Updated", "1"),
            org.assertj.core.groups.Tuple.tuple("Archived", "1"),
            org.assertj.core.groups.Tuple.tuple("Groups synced", "2"),
            org.assertj.core.groups.Tuple.tuple("Memberships added", "4"),
            org.assertj.core.groups.Tuple.tuple("Memberships removed", "1"));
    assertThat(n.title()).isEqualTo("KnowBe4 sync: Acme Corp — 1 created, 1 updated, 1 archived");
    assertThat(section(n, "Attribute changes").lines())
        .containsExactly("b@acme.example: job_title 'Clerk' → 'Manager'");
    assertThat(section(n, "Group changes").lines())
        .containsExactly("memberships: 4 added, 1 removed");
    assertThat(section(n, "Users created").lines())
        .containsExactly("a@acme.example (Ann Lee, Sales) → Sales Team");
  }

  @Test
  void created_users_past_the_list_limit_become_and_n_more() {
    Notification n = compose(TestReports.quiet().createdMany(5));

    Section created = section(n, "Users created");
    assertThat(created.lines()).hasSize(3);
    assertThat(created.more()).isEqualTo(2);
  }

  @Test
  void a_failed_run_is_a_failure_whatever_else_it_holds() {
    Notification n = compose(TestReports.quiet().failed("Microsoft Graph: HTTP 401"));

    assertThat(n.severity()).isEqualTo(Severity.FAILURE);
    assertThat(n.title()).isEqualTo("KnowBe4 sync: Acme Corp — failed, nothing was written");
    assertThat(section(n, "Errors").lines())
        .containsExactly("read Microsoft 365 — Microsoft Graph: HTTP 401");
  }

  @Test
  void a_mass_archive_hold_needs_consent_and_gives_the_command() {
    Notification n = compose(TestReports.quiet().staged(7, TestReports.MASS_GUARD));

    assertThat(n.severity()).isEqualTo(Severity.ACTION_REQUIRED);
    assertThat(n.title())
        .isEqualTo("KnowBe4 sync: Acme Corp — 7 archives held back, consent needed");
    assertThat(n.consentCommand())
        .isEqualTo(
            "kb4sync sync --config /etc/kb4sync/config.yaml --company 1001"
                + " --remove-stale-users --allow-mass-archive=7");
    assertThat(section(n, "Safety guard").lines()).containsExactly(TestReports.MASS_GUARD);
    assertThat(section(n, "Archives held back").lines()).hasSize(3);
    assertThat(section(n, "Archives held back").more()).isEqualTo(4);
  }

  @Test
  void a_hold_that_consent_cannot_lift_gives_no_consent_command() {
    Notification n =
        compose(TestReports.quiet().staged(2, "Microsoft 365 returned no in-scope users"));

    assertThat(n.severity()).isEqualTo(Severity.ACTION_REQUIRED);
    assertThat(n.consentCommand()).isNull();
    assertThat(section(n, "Safety guard").lines())
        .containsExactly("Microsoft 365 returned no in-scope users");
  }

  @Test
  void errors_held_creates_and_conflicts_are_warnings() {
    assertThat(compose(TestReports.quiet().error("a@x", "create", "409")).severity())
        .isEqualTo(Severity.WARNING);
    assertThat(compose(TestReports.quiet().heldCreate("b@x")).severity())
        .isEqualTo(Severity.WARNING);
    Notification conflict = compose(TestReports.quiet().conflict());
    assertThat(conflict.severity()).isEqualTo(Severity.WARNING);
    assertThat(conflict.title()).isEqualTo("KnowBe4 sync: Acme Corp — no changes, 1 conflict");
    assertThat(section(conflict, "Conflicts").lines())
        .containsExactly(
            "two KnowBe4 users with one email: Microsoft 365 dup@acme.example; KnowBe4"
                + " dup@acme.example, DUP@acme.example");
  }

  @Test
  void warnings_alone_stay_info_but_are_listed() {
    Notification n = compose(TestReports.quiet().warning("3 KnowBe4 users are stale"));

    assertThat(n.severity()).isEqualTo(Severity.INFO);
    assertThat(section(n, "Warnings").lines()).containsExactly("3 KnowBe4 users are stale");
  }

  @Test
  void a_dry_run_says_so_in_the_title() {
    Notification n = compose(TestReports.quiet().dryRun().created("a@acme.example", "A", "B"));

    assertThat(n.title()).isEqualTo("KnowBe4 sync (dry run): Acme Corp — planned: 1 created");
    assertThat(section(n, "Users to create").lines()).hasSize(1);
  }

  @Test
  void a_list_limit_below_one_is_refused() {
    assertThatThrownBy(
            () -> ReportNotifications.compose(TestReports.quiet().build(), List.of(), 0, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("list_limit");
  }
}
