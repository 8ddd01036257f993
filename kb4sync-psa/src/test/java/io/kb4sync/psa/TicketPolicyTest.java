package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.plan.Consent;
import io.kb4sync.core.plan.Guard;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketPolicyTest {
  private static final String GUARD =
      "mass archive: 7 archives exceed max(5, 10% of 20 active KnowBe4 users); run again with"
          + " --allow-mass-archive to consent";

  private static Report report(
      int exit,
      boolean dryRun,
      int created,
      List<Report.StagedArchive> staged,
      List<Report.ErrorEntry> errors) {
    List<Report.CreatedUser> users = new ArrayList<>();
    for (int i = 0; i < created; i++) {
      users.add(
          new Report.CreatedUser(
              "u" + i + "@acme.example", "U", "" + i, null, null, "Invited", List.of()));
    }
    Outcome outcome =
        exit == 1
            ? Outcome.FAILED
            : exit == 4 ? Outcome.HELD : exit == 3 ? Outcome.PARTIAL : Outcome.OK;
    return new Report(
        outcome.success(),
        new Report.SyncSummary("Acme Corp", 10, 10, 10, created, 0, 0, 1, "2026-11-30T08:00:00Z"),
        users,
        List.of(),
        new Report.AttributeUpdates(0, 0, 0, 0, 0),
        new Report.GroupChanges(0, 0),
        dryRun,
        "1001",
        outcome.exitCode(),
        outcome,
        List.of(),
        staged,
        staged.isEmpty() ? null : "f".repeat(64),
        staged.isEmpty() ? null : Consent.command("/etc/kb4sync.yaml", "1001", staged.size()),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        errors);
  }

  private static List<Report.StagedArchive> staged(int n) {
    List<Report.StagedArchive> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(
          new Report.StagedArchive(
              "s" + i + "@acme.example", "No longer licensed", null, GUARD, Guard.THRESHOLD));
    }
    return list;
  }

  private static final List<Report.ErrorEntry> ONE_ERROR =
      List.of(new Report.ErrorEntry("a@acme.example", "create", "HTTP 409"));

  @Test
  void by_default_failures_and_guard_holds_raise_tickets_and_nothing_else_does() {
    TicketPolicy policy = TicketPolicy.defaults();

    assertThat(policy.kind(report(1, false, 0, List.of(), ONE_ERROR))).contains("sync-failure");
    assertThat(policy.kind(report(4, false, 0, staged(7), List.of()))).contains("guard-hold");
    assertThat(policy.kind(report(3, false, 0, List.of(), ONE_ERROR))).isEmpty();
    assertThat(policy.kind(report(0, false, 3, List.of(), List.of()))).isEmpty();
  }

  @Test
  void changes_and_errors_raise_tickets_when_configured() {
    TicketPolicy policy =
        new TicketPolicy(
            List.of(
                TicketPolicy.Trigger.FAILURE,
                TicketPolicy.Trigger.GUARD_HOLD,
                TicketPolicy.Trigger.ERRORS,
                TicketPolicy.Trigger.CHANGES));

    assertThat(policy.kind(report(3, false, 1, List.of(), ONE_ERROR))).contains("sync-errors");
    assertThat(policy.kind(report(0, false, 3, List.of(), List.of()))).contains("changes");
    assertThat(policy.kind(report(0, false, 0, List.of(), List.of()))).isEmpty();
  }

  @Test
  void an_empty_list_turns_tickets_off_even_for_failures() {
    TicketPolicy off = new TicketPolicy(List.of());

    assertThat(off.kind(report(1, false, 0, List.of(), ONE_ERROR))).isEmpty();
    assertThat(off.kind(report(4, false, 0, staged(7), List.of()))).isEmpty();
  }

  @Test
  void a_dry_run_never_raises_a_ticket() {
    assertThat(TicketPolicy.defaults().kind(report(4, true, 0, staged(7), List.of()))).isEmpty();
  }

  @Test
  void a_guard_hold_ticket_names_the_held_users_and_the_consent_command() {
    TicketRequest request =
        TicketPolicy.defaults().ticketFor(report(4, false, 0, staged(25), List.of())).orElseThrow();

    assertThat(request.companyId()).isEqualTo("1001");
    assertThat(request.companyName()).isEqualTo("Acme Corp");
    assertThat(request.kind()).isEqualTo("guard-hold");
    assertThat(request.summary())
        .isEqualTo("KnowBe4 sync: 25 archives held for Acme Corp, consent needed");
    assertThat(request.details())
        .contains("s0@acme.example (No longer licensed)")
        .contains("... and 5 more")
        .contains(
            "To consent, run: kb4sync sync --config /etc/kb4sync.yaml --company 1001"
                + " --remove-stale-users --allow-mass-archive=25");
  }

  @Test
  void triggers_are_read_from_configuration_words() {
    assertThat(TicketPolicy.Trigger.fromConfig("guard_hold"))
        .isEqualTo(TicketPolicy.Trigger.GUARD_HOLD);
    assertThat(TicketPolicy.Trigger.fromConfig("Changes")).isEqualTo(TicketPolicy.Trigger.CHANGES);
    assertThatThrownBy(() -> TicketPolicy.Trigger.fromConfig("weekly"))
        .hasMessageContaining("failure, guard_hold, errors or changes");
    assertThat(PsaSettings.Type.fromConfig("halo")).isEqualTo(PsaSettings.Type.HALO);
  }
}
