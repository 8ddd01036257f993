package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.audit.AffectedUser;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.Category;
import io.kb4sync.core.audit.Finding;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notification.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditNotificationsTest {
  static final AuditReport.NextSync NOTHING =
      new AuditReport.NextSync(
          "kb4sync sync --config c.yaml --company 1001",
          false,
          true,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          null);

  static Finding finding(io.kb4sync.core.audit.Severity severity, String action, int users) {
    List<AffectedUser> affected = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      affected.add(AffectedUser.of("u" + i + "@acme.example"));
    }
    return new Finding(
        Category.STALE_KNOWBE4_USER,
        severity,
        null,
        users + " stale users",
        affected,
        "leaves them",
        action);
  }

  static AuditReport audit(AuditReport.NextSync next, Finding... findings) {
    int critical = 0;
    int warning = 0;
    int info = 0;
    for (Finding f : findings) {
      switch (f.severity()) {
        case CRITICAL -> critical++;
        case WARNING -> warning++;
        case INFO -> info++;
      }
    }
    return new AuditReport(
        "Acme Corp",
        "1001",
        "2026-11-30T06:00:00Z",
        true,
        0,
        new AuditReport.Summary(
            10, 8, 9, 1, 8, 50, 9, findings.length, critical, warning, info, List.of()),
        next,
        List.of(findings),
        List.of(),
        List.of());
  }

  static AuditReport failed() {
    return new AuditReport(
        "Acme Corp",
        "1001",
        "2026-11-30T06:00:00Z",
        false,
        1,
        AuditReport.Summary.empty(),
        null,
        List.of(),
        List.of(),
        List.of(new AuditReport.ErrorEntry("read Microsoft Graph", "401 AADSTS7000215")));
  }

  @Test
  void on_issues_sends_audits_with_warning_or_critical_findings_and_failures_only() {
    NotificationPolicy policy = NotificationPolicy.ON_ISSUES;

    assertThat(AuditNotifications.shouldNotify(policy, audit(NOTHING))).isFalse();
    assertThat(
            AuditNotifications.shouldNotify(
                policy, audit(NOTHING, finding(io.kb4sync.core.audit.Severity.INFO, "None", 1))))
        .isFalse();
    assertThat(
            AuditNotifications.shouldNotify(
                policy, audit(NOTHING, finding(io.kb4sync.core.audit.Severity.WARNING, "look", 1))))
        .isTrue();
    assertThat(AuditNotifications.shouldNotify(policy, failed())).isTrue();
  }

  @Test
  void always_sends_a_clean_audit_and_on_changes_sends_one_whose_next_sync_writes() {
    AuditReport.NextSync creates =
        new AuditReport.NextSync(
            NOTHING.command(), false, true, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    assertThat(AuditNotifications.shouldNotify(NotificationPolicy.ALWAYS, audit(NOTHING))).isTrue();
    assertThat(AuditNotifications.shouldNotify(NotificationPolicy.ON_CHANGES, audit(NOTHING)))
        .isFalse();
    assertThat(AuditNotifications.shouldNotify(NotificationPolicy.ON_CHANGES, audit(creates)))
        .isTrue();
  }

  @Test
  void a_critical_finding_makes_the_notification_action_required_with_the_consent_command() {
    Notification n =
        AuditNotifications.compose(
            audit(
                new AuditReport.NextSync(
                    NOTHING.command(),
                    true,
                    true,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    6,
                    0,
                    0,
                    0,
                    0,
                    0,
                    "kb4sync sync --config /etc/kb4sync.yaml --company 1001 --remove-stale-users"
                        + " --allow-mass-archive=6"),
                finding(
                    io.kb4sync.core.audit.Severity.CRITICAL,
                    "give consent: kb4sync sync --remove-stale-users --allow-mass-archive=6",
                    6),
                finding(io.kb4sync.core.audit.Severity.INFO, "None", 1)),
            List.of("it@acme.example"),
            20,
            "{}");

    assertThat(n.kind()).isEqualTo("audit");
    assertThat(n.severity()).isEqualTo(Severity.ACTION_REQUIRED);
    assertThat(n.title()).isEqualTo("KnowBe4 audit: Acme Corp — 1 critical, 1 info");
    assertThat(n.consentCommand())
        .isEqualTo(
            "kb4sync sync --config /etc/kb4sync.yaml --company 1001 --remove-stale-users"
                + " --allow-mass-archive=6");
    assertThat(n.sections())
        .extracting(Notification.Section::heading)
        .containsExactly("Critical findings", "Info findings");
    assertThat(n.facts())
        .extracting(Notification.Fact::name, Notification.Fact::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Seats in use", "9 of 50"),
            org.assertj.core.groups.Tuple.tuple("Critical findings", "1"),
            org.assertj.core.groups.Tuple.tuple("Next sync would", "hold archives of 6"));
    assertThat(n.reportJson()).isEqualTo("{}");
    assertThat(n.recipients()).containsExactly("it@acme.example");
  }

  @Test
  void a_clean_audit_is_info_and_a_failed_one_is_a_failure_with_its_error() {
    Notification clean = AuditNotifications.compose(audit(NOTHING), null, 5, "{}");
    Notification broken = AuditNotifications.compose(failed(), List.of(), 5, "{}");

    assertThat(clean.severity()).isEqualTo(Severity.INFO);
    assertThat(clean.title()).endsWith("no drift found");
    assertThat(clean.consentCommand()).isNull();
    assertThat(broken.severity()).isEqualTo(Severity.FAILURE);
    assertThat(broken.title()).endsWith("failed, could not read");
    assertThat(broken.sections().get(0).lines())
        .containsExactly("read Microsoft Graph — 401 AADSTS7000215");
  }

  @Test
  void findings_past_the_list_limit_become_and_n_more() {
    Finding[] many = new Finding[5];
    for (int i = 0; i < many.length; i++) {
      many[i] = finding(io.kb4sync.core.audit.Severity.WARNING, "look", i + 1);
    }

    Notification n = AuditNotifications.compose(audit(NOTHING, many), List.of(), 2, "{}");

    assertThat(n.sections().get(0).lines()).hasSize(2);
    assertThat(n.sections().get(0).more()).isEqualTo(3);
    assertThatThrownBy(() -> AuditNotifications.compose(audit(NOTHING), List.of(), 0, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
