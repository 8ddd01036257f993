package io.kb4sync.notify;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notification.Fact;
import io.kb4sync.core.notify.Notification.Section;
import io.kb4sync.core.notify.Notification.Severity;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Turns a sync report into a channel-independent {@link Notification}. */
public final class ReportNotifications {
  /** Lines per section before "and N more" ({@code notifications.list_limit}). */
  public static final int DEFAULT_LIST_LIMIT = 20;

  /** What the Notification's {@code kind} says for a sync. */
  public static final String KIND_SYNC = "sync";

  private ReportNotifications() {}

  /**
   * Composes the notification of one sync.
   *
   * @param recipients email addresses ({@code knowbe4_notification_recipients}); may be empty
   * @param listLimit lines per section before "and N more" (at least 1)
   * @param reportJson the report as the caller printed it (so a webhook receives exactly what
   *     stdout carried)
   */
  public static Notification compose(
      Report report, List<String> recipients, int listLimit, String reportJson) {
    Objects.requireNonNull(report, "report");
    if (listLimit < 1) {
      throw new IllegalArgumentException("list_limit must be at least 1");
    }
    Report.SyncSummary summary = report.syncSummary();
    Severity severity = severity(report);
    String companyId = report.companyId() == null ? summary.company() : report.companyId();

    List<Section> sections = new ArrayList<>();
    addSections(report, listLimit, sections);

    return new Notification(
        companyId,
        summary.company(),
        KIND_SYNC,
        severity,
        title(report, severity),
        facts(report),
        sections,
        report.consentCommand(),
        reportJson,
        recipients == null ? List.of() : recipients);
  }

  /**
   * From the run's outcome: FAILURE when it could not proceed, ACTION_REQUIRED when a guard held
   * archives, WARNING when it was interrupted or some operations failed or were held, and when an
   * otherwise clean run left conflicts; else INFO.
   */
  public static Severity severity(Report report) {
    switch (report.outcome()) {
      case CONFIG_ERROR:
      case FAILED:
        return Severity.FAILURE;
      case HELD:
        return Severity.ACTION_REQUIRED;
      case INTERRUPTED:
      case PARTIAL:
        return Severity.WARNING;
      default:
        return report.conflicts().isEmpty() ? Severity.INFO : Severity.WARNING;
    }
  }

  private static String title(Report report, Severity severity) {
    Report.SyncSummary summary = report.syncSummary();
    String prefix = report.dryRun() ? "KnowBe4 sync (dry run): " : "KnowBe4 sync: ";
    String headline;
    switch (severity) {
      case FAILURE:
        headline = "failed, nothing was written";
        break;
      case ACTION_REQUIRED:
        headline =
            count(report.stagedArchives().size(), "archive", "archives")
                + " held back, consent needed";
        String changes = changes(report);
        if (!changes.isEmpty()) {
          headline += " (" + changes + ")";
        }
        break;
      default:
        headline = changes(report);
        if (headline.isEmpty()) {
          headline = "no changes";
        }
        List<String> issues = new ArrayList<>();
        if (!report.errors().isEmpty()) {
          issues.add(count(report.errors().size(), "error", "errors"));
        }
        if (!report.heldCreates().isEmpty()) {
          issues.add(count(report.heldCreates().size(), "create held", "creates held"));
        }
        if (!report.conflicts().isEmpty()) {
          issues.add(count(report.conflicts().size(), "conflict", "conflicts"));
        }
        if (!issues.isEmpty()) {
          headline += ", " + String.join(", ", issues);
        }
        if (report.outcome() == Outcome.INTERRUPTED) {
          headline = "interrupted after writes began: " + headline;
        }
        break;
    }
    if (report.dryRun() && severity != Severity.FAILURE) {
      headline = "planned: " + headline;
    }
    return prefix + summary.company() + " — " + headline;
  }

  private static String changes(Report report) {
    Report.SyncSummary summary = report.syncSummary();
    List<String> parts = new ArrayList<>();
    if (summary.usersCreated() > 0) {
      parts.add(summary.usersCreated() + " created");
    }
    if (!report.usersRestored().isEmpty()) {
      parts.add(report.usersRestored().size() + " restored");
    }
    if (summary.usersUpdated() > 0) {
      parts.add(summary.usersUpdated() + " updated");
    }
    if (summary.usersArchived() > 0) {
      parts.add(summary.usersArchived() + " archived");
    }
    return String.join(", ", parts);
  }

  private static List<Fact> facts(Report report) {
    Report.SyncSummary s = report.syncSummary();
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Company", s.company()));
    facts.add(new Fact("Result", result(report)));
    if (report.dryRun()) {
      facts.add(new Fact("Dry run", "yes: nothing was written"));
    }
    facts.add(new Fact("In scope in Microsoft 365", Integer.toString(s.m365UsersFound())));
    facts.add(new Fact("Active in KnowBe4", Integer.toString(s.knowbe4UsersFound())));
    facts.add(new Fact("Created", Integer.toString(s.usersCreated())));
    facts.add(new Fact("Restored", Integer.toString(report.usersRestored().size())));
    facts.add(new Fact("Updated", Integer.toString(s.usersUpdated())));
    facts.add(new Fact("Archived", Integer.toString(s.usersArchived())));
    facts.add(new Fact("Groups synced", Integer.toString(s.groupsSynced())));
    facts.add(
        new Fact("Memberships added", Integer.toString(report.groupChanges().groupAdditions())));
    facts.add(
        new Fact("Memberships removed", Integer.toString(report.groupChanges().groupRemovals())));
    if (!report.stagedArchives().isEmpty()) {
      facts.add(new Fact("Archives held back", Integer.toString(report.stagedArchives().size())));
    }
    if (!report.heldCreates().isEmpty()) {
      facts.add(new Fact("Creates held back", Integer.toString(report.heldCreates().size())));
    }
    if (!report.errors().isEmpty()) {
      facts.add(new Fact("Errors", Integer.toString(report.errors().size())));
    }
    if (!report.conflicts().isEmpty()) {
      facts.add(new Fact("Conflicts", Integer.toString(report.conflicts().size())));
    }
    if (!report.warnings().isEmpty()) {
      facts.add(new Fact("Warnings", Integer.toString(report.warnings().size())));
    }
    facts.add(new Fact("Started", String.valueOf(s.syncTimestamp())));
    return facts;
  }

  private static String result(Report report) {
    switch (report.outcome()) {
      case OK:
        return "succeeded (exit 0)";
      case FAILED:
      case CONFIG_ERROR:
        return "failed: the run could not proceed (exit " + report.exitCode() + ")";
      case INTERRUPTED:
        return "interrupted after writes began: the lists show what was done (exit 3)";
      case PARTIAL:
        return "finished with issues (exit 3)";
      default:
        return "a safety guard held archives back (exit 4)";
    }
  }

  private static void addSections(Report report, int limit, List<Section> sections) {
    if (!report.stagedArchives().isEmpty()) {
      Set<String> guards = new LinkedHashSet<>();
      report.stagedArchives().forEach(a -> guards.add(String.valueOf(a.heldBy())));
      section(sections, "Safety guard", List.copyOf(guards), limit);
      section(
          sections,
          "Archives held back",
          report.stagedArchives().stream()
              .map(a -> a.email() + " — " + a.reason() + lastSeen(a.lastM365Sync()))
              .toList(),
          limit);
    }
    section(
        sections,
        "Errors",
        report.errors().stream()
            .map(
                e ->
                    (e.email() == null ? "" : e.email() + ": ")
                        + e.operation()
                        + " — "
                        + e.message())
            .toList(),
        limit);
    section(
        sections,
        "Conflicts",
        report.conflicts().stream()
            .map(
                c ->
                    c.kind()
                        + ": Microsoft 365 "
                        + listOrNone(c.m365Users())
                        + "; KnowBe4 "
                        + listOrNone(c.knowbe4Users()))
            .toList(),
        limit);
    section(
        sections,
        "Creates held back",
        report.heldCreates().stream().map(h -> h.email() + " — " + h.reason()).toList(),
        limit);
    section(sections, "Warnings", report.warnings(), limit);
    section(
        sections,
        report.dryRun() ? "Users to create" : "Users created",
        report.usersCreated().stream().map(ReportNotifications::created).toList(),
        limit);
    section(
        sections,
        report.dryRun() ? "Users to restore" : "Users restored",
        report.usersRestored().stream().map(Report.RestoredUser::email).toList(),
        limit);
    section(
        sections,
        report.dryRun() ? "Users to archive" : "Users archived",
        report.usersArchived().stream()
            .map(a -> a.email() + " — " + a.reason() + lastSeen(a.lastM365Sync()))
            .toList(),
        limit);
    List<String> changes = new ArrayList<>();
    for (Report.UserUpdate update : report.userUpdates()) {
      List<String> parts = new ArrayList<>();
      for (Report.Change change : update.changes()) {
        parts.add(change.attribute() + " " + quoted(change.from()) + " → " + quoted(change.to()));
      }
      changes.add(update.email() + ": " + String.join("; ", parts));
    }
    section(sections, "Attribute changes", changes, limit);
    List<String> groups = new ArrayList<>();
    report.groupsCreated().forEach(g -> groups.add("group created: " + g));
    Report.GroupChanges membership = report.groupChanges();
    if (membership.groupAdditions() > 0 || membership.groupRemovals() > 0) {
      groups.add(
          "memberships: "
              + membership.groupAdditions()
              + " added, "
              + membership.groupRemovals()
              + " removed");
    }
    section(sections, "Group changes", groups, limit);
  }

  private static String created(Report.CreatedUser user) {
    StringBuilder line = new StringBuilder(String.valueOf(user.email()));
    String name = join(" ", user.firstName(), user.lastName());
    String details = join(", ", name, user.department());
    if (!details.isEmpty()) {
      line.append(" (").append(details).append(')');
    }
    if (user.knowbe4Group() != null) {
      line.append(" → ").append(user.knowbe4Group());
    }
    return line.toString();
  }

  private static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part);
      }
    }
    return String.join(separator, present);
  }

  private static String lastSeen(String lastM365Sync) {
    return lastM365Sync == null ? "" : " (last seen in Microsoft 365 " + lastM365Sync + ")";
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "'" + value + "'";
  }

  private static String listOrNone(List<String> values) {
    return values.isEmpty() ? "(none)" : String.join(", ", values);
  }

  private static void section(
      List<Section> sections, String heading, List<String> lines, int limit) {
    if (lines.isEmpty()) {
      return;
    }
    int shown = Math.min(limit, lines.size());
    sections.add(new Section(heading, lines.subList(0, shown), lines.size() - shown));
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
