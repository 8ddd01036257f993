package io.kb4sync.notify;

import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.Finding;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notification.Fact;
import io.kb4sync.core.notify.Notification.Section;
import io.kb4sync.core.notify.Notification.Severity;
import io.kb4sync.core.run.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an audit ({@code kb4sync audit}) into a channel-independent {@link Notification}, and
 * decides whether a company's notification policy sends it.
 */
public final class AuditNotifications {
  /** What the Notification's {@code kind} says for an audit. */
  public static final String KIND_AUDIT = "audit";

  private AuditNotifications() {}

  /**
   * Whether the policy sends this audit. An audit that could not read always notifies; {@code
   * on_issues} sends audits with warning or critical findings; {@code on_changes} also those whose
   * next sync would write anything; {@code always} every audit.
   */
  public static boolean shouldNotify(NotificationPolicy policy, AuditReport audit) {
    Severity severity = severity(audit);
    if (severity == Severity.FAILURE || policy == NotificationPolicy.ALWAYS) {
      return true;
    }
    boolean issues = severity != Severity.INFO;
    if (policy == NotificationPolicy.ON_CHANGES) {
      return issues || (audit.nextSync() != null && audit.nextSync().writesAnything());
    }
    return issues;
  }

  /**
   * FAILURE when the audit could not read (exit 1); ACTION_REQUIRED when a finding is critical (a
   * person must act: the sync cannot fix it); WARNING when a finding is a warning; else INFO.
   */
  public static Severity severity(AuditReport audit) {
    if (!audit.complete()) {
      return Severity.FAILURE;
    }
    io.kb4sync.core.audit.Severity worst = audit.worst();
    if (worst == null) {
      return Severity.INFO;
    }
    switch (worst) {
      case CRITICAL:
        return Severity.ACTION_REQUIRED;
      case WARNING:
        return Severity.WARNING;
      case INFO:
      default:
        return Severity.INFO;
    }
  }

  /**
   * Composes the notification of one audit.
   *
   * @param recipients email addresses ({@code knowbe4_notification_recipients}); may be empty
   * @param listLimit lines per section before "and N more" (at least 1)
   * @param auditJson the audit as the command wrote it, for channels that carry it (webhooks)
   */
  public static Notification compose(
      AuditReport audit, List<String> recipients, int listLimit, String auditJson) {
    Objects.requireNonNull(audit, "audit");
    if (listLimit < 1) {
      throw new IllegalArgumentException("list_limit must be at least 1");
    }
    Severity severity = severity(audit);
    return new Notification(
        audit.companyId(),
        audit.company(),
        KIND_AUDIT,
        severity,
        title(audit),
        facts(audit),
        sections(audit, listLimit),
        audit.nextSync() == null ? null : audit.nextSync().consentCommand(),
        auditJson,
        recipients == null ? List.of() : recipients);
  }

  private static String title(AuditReport audit) {
    String prefix = "KnowBe4 audit: " + audit.company() + " — ";
    if (!audit.complete()) {
      return prefix
          + (audit.outcome() == Outcome.CONFIG_ERROR
              ? "not run: configuration error"
              : "failed, could not read");
    }
    AuditReport.Summary s = audit.summary();
    if (s.findings() == 0) {
      return prefix + "no drift found";
    }
    List<String> parts = new ArrayList<>();
    if (s.critical() > 0) {
      parts.add(s.critical() + " critical");
    }
    if (s.warning() > 0) {
      parts.add(s.warning() + (s.warning() == 1 ? " warning" : " warnings"));
    }
    if (s.info() > 0) {
      parts.add(s.info() + " info");
    }
    return prefix + String.join(", ", parts);
  }

  private static List<Fact> facts(AuditReport audit) {
    AuditReport.Summary s = audit.summary();
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Company", audit.company()));
    facts.add(
        new Fact(
            "Result",
            audit.complete()
                ? "audit complete (exit 0): nothing was written"
                : audit.outcome() == Outcome.CONFIG_ERROR
                    ? "not run: its configuration does not let it start (exit 2); nothing was read"
                    : "failed: the audit could not read (exit 1)"));
    if (audit.complete()) {
      facts.add(new Fact("In scope in Microsoft 365", Integer.toString(s.m365UsersFound())));
      facts.add(new Fact("Active in KnowBe4", Integer.toString(s.knowbe4UsersFound())));
      if (s.seats() != null) {
        facts.add(new Fact("Seats in use", s.seatsUsed() + " of " + s.seats()));
      }
      facts.add(new Fact("Critical findings", Integer.toString(s.critical())));
      facts.add(new Fact("Warning findings", Integer.toString(s.warning())));
      facts.add(new Fact("Info findings", Integer.toString(s.info())));
      facts.add(new Fact("Next sync would", nextSync(audit.nextSync())));
    }
    facts.add(new Fact("Started", String.valueOf(audit.auditTimestamp())));
    return facts;
  }

  private static String nextSync(AuditReport.NextSync next) {
    List<String> parts = new ArrayList<>();
    part(parts, next.usersCreated(), "create");
    part(parts, next.createsHeld(), "hold creates of");
    part(parts, next.usersRestored(), "restore");
    part(parts, next.usersUpdated(), "update");
    part(parts, next.usersArchived(), "archive");
    part(parts, next.archivesHeld(), "hold archives of");
    part(parts, next.groupsCreated(), "create groups:");
    part(parts, next.groupAdditions(), "add memberships:");
    part(parts, next.groupRemovals(), "remove memberships:");
    return parts.isEmpty() ? "change nothing" : String.join(", ", parts);
  }

  private static void part(List<String> parts, int count, String verb) {
    if (count > 0) {
      parts.add(verb + " " + count);
    }
  }

  private static List<Section> sections(AuditReport audit, int limit) {
    List<Section> sections = new ArrayList<>();
    section(
        sections,
        "Errors",
        audit.errors().stream().map(e -> e.operation() + " — " + e.message()).toList(),
        limit);
    for (io.kb4sync.core.audit.Severity severity : io.kb4sync.core.audit.Severity.values()) {
      List<String> lines = new ArrayList<>();
      for (Finding finding : audit.findings()) {
        if (finding.severity() == severity) {
          lines.add(
              finding.category().title()
                  + ": "
                  + finding.title()
                  + " — "
                  + finding.suggestedAction());
        }
      }
      section(sections, heading(severity), lines, limit);
    }
    section(sections, "Notes", audit.warnings(), limit);
    return sections;
  }

  private static String heading(io.kb4sync.core.audit.Severity severity) {
    switch (severity) {
      case CRITICAL:
        return "Critical findings";
      case WARNING:
        return "Warning findings";
      case INFO:
      default:
        return "Info findings";
    }
  }

  private static void section(
      List<Section> sections, String heading, List<String> lines, int limit) {
    if (lines.isEmpty()) {
      return;
    }
    int shown = Math.min(limit, lines.size());
    sections.add(new Section(heading, lines.subList(0, shown), lines.size() - shown));
  }
}
