package io.kb4sync.psa;

import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a sync raises a PSA ticket ({@code psa.when}) and which kind it is. The kinds, by
 * precedence: {@code sync-failure} (the run could not proceed, exit 1), {@code guard-hold} (a
 * safety guard held archives), {@code sync-errors} (per-user failures, held creates or conflicts)
 * and {@code changes} (anything changed). Dry runs never raise a ticket: they are previews.
 *
 * @param when null for {@link #DEFAULT_WHEN}; empty for never
 */
public record TicketPolicy(List<Trigger> when) {

  /** One reason to raise a ticket. */
  public enum Trigger {
    /** exit 1: authentication or a read failed, the company was locked; nothing was written. */
    FAILURE,
    /** exit 4: archives held back by a safety guard, waiting for consent. */
    GUARD_HOLD,
    /** exit 3: some per-user operations failed, creates were held, or users conflicted. */
    ERRORS,
    /** The run changed something in KnowBe4. */
    CHANGES;

    /** {@code failure}, {@code guard_hold}, {@code errors}, {@code changes}. */
    public static Trigger fromConfig(String value) {
      String normal = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Trigger trigger : values()) {
        if (trigger.name().equals(normal)) {
          return trigger;
        }
      }
      throw new IllegalArgumentException(
          "unknown ticket trigger '" + value + "': use failure, guard_hold, errors or changes");
    }
  }

  public static final String KIND_FAILURE = "sync-failure";
  public static final String KIND_GUARD_HOLD = "guard-hold";
  public static final String KIND_ERRORS = "sync-errors";
  public static final String KIND_CHANGES = "changes";

  /** Failures and guard holds: the runs that need a person. */
  public static final List<Trigger> DEFAULT_WHEN = List.of(Trigger.FAILURE, Trigger.GUARD_HOLD);

  private static final int LINES = 20;

  public TicketPolicy {
    when = when == null ? DEFAULT_WHEN : List.copyOf(new LinkedHashSet<>(when));
  }

  public static TicketPolicy defaults() {
    return new TicketPolicy(null);
  }

  /** The kind of ticket this report calls for, if any. */
  public Optional<String> kind(Report report) {
    if (report.dryRun()) {
      return Optional.empty();
    }
    Set<Trigger> triggers = Set.copyOf(when);
    Outcome outcome = report.outcome();
    if (outcome.didNotRun()) {
      return triggers.contains(Trigger.FAILURE) ? Optional.of(KIND_FAILURE) : Optional.empty();
    }
    if (outcome == Outcome.HELD && triggers.contains(Trigger.GUARD_HOLD)) {
      return Optional.of(KIND_GUARD_HOLD);
    }
    boolean issues =
        outcome == Outcome.INTERRUPTED
            || outcome == Outcome.PARTIAL
            || !report.conflicts().isEmpty();
    if (issues && triggers.contains(Trigger.ERRORS)) {
      return Optional.of(KIND_ERRORS);
    }
    if (report.hasChanges() && triggers.contains(Trigger.CHANGES)) {
      return Optional.of(KIND_CHANGES);
    }
    return Optional.empty();
  }

  /** The ticket this report calls for, if any. */
  public Optional<TicketRequest> ticketFor(Report report) {
    return kind(report)
        .map(
            kind -> {
              String companyId =
                  report.companyId() == null ? report.syncSummary().company() : report.companyId();
              return new TicketRequest(
                  companyId,
                  report.syncSummary().company(),
                  kind,
                  summary(report, kind),
                  details(report, companyId));
            });
  }

  static String summary(Report report, String kind) {
    String company = report.syncSummary().company();
    switch (kind) {
      case KIND_FAILURE:
        return "KnowBe4 sync failed for " + company;
      case KIND_GUARD_HOLD:
        return "KnowBe4 sync: "
            + report.stagedArchives().size()
            + " archives held for "
            + company
            + ", consent needed";
      case KIND_ERRORS:
        return "KnowBe4 sync finished with issues for " + company;
      default:
        return "KnowBe4 sync changed users of " + company;
    }
  }

  static String details(Report report, String companyId) {
    Report.SyncSummary s = report.syncSummary();
    StringBuilder out = new StringBuilder();
    out.append("Company: ")
        .append(s.company())
        .append(" (company_id ")
        .append(companyId)
        .append(")\n");
    out.append("Sync started: ").append(s.syncTimestamp()).append('\n');
    out.append("Outcome: ")
        .append(report.outcome().id())
        .append(" (exit code ")
        .append(report.exitCode())
        .append(")\n");
    out.append("In scope in Microsoft 365: ")
        .append(s.m365UsersFound())
        .append(", active in KnowBe4: ")
        .append(s.knowbe4UsersFound())
        .append('\n');
    out.append("Created: ")
        .append(s.usersCreated())
        .append(", restored: ")
        .append(report.usersRestored().size())
        .append(", updated: ")
        .append(s.usersUpdated())
        .append(", archived: ")
        .append(s.usersArchived())
        .append(", memberships added/removed: ")
        .append(report.groupChanges().groupAdditions())
        .append('/')
        .append(report.groupChanges().groupRemovals())
        .append('\n');
    if (!report.stagedArchives().isEmpty()) {
      Set<String> guards = new LinkedHashSet<>();
      report.stagedArchives().forEach(a -> guards.add(String.valueOf(a.heldBy())));
      out.append("\nArchives held back by a safety guard (")
          .append(report.stagedArchives().size())
          .append("): ")
          .append(String.join("; ", guards))
          .append('\n');
      lines(
          out,
          report.stagedArchives().stream().map(a -> a.email() + " (" + a.reason() + ")").toList());
      if (report.consentCommand() != null) {
        out.append("To consent, run: ").append(report.consentCommand()).append('\n');
      }
    }
    if (!report.errors().isEmpty()) {
      out.append("\nErrors (").append(report.errors().size()).append("):\n");
      lines(
          out,
          report.errors().stream()
              .map(
                  e ->
                      (e.email() == null ? "" : e.email() + ": ")
                          + e.operation()
                          + " - "
                          + e.message())
              .toList());
    }
    if (!report.heldCreates().isEmpty()) {
      out.append("\nCreates held back (").append(report.heldCreates().size()).append("):\n");
      lines(
          out,
          report.heldCreates().stream().map(h -> h.email() + " (" + h.reason() + ")").toList());
    }
    if (!report.conflicts().isEmpty()) {
      out.append("\nConflicts (").append(report.conflicts().size()).append("):\n");
      lines(
          out,
          report.conflicts().stream()
              .map(
                  c ->
                      c.kind()
                          + ": Microsoft 365 "
                          + String.join(", ", c.m365Users())
                          + "; KnowBe4 "
                          + String.join(", ", c.knowbe4Users()))
              .toList());
    }
    if (!report.usersCreated().isEmpty()) {
      out.append("\nCreated (").append(report.usersCreated().size()).append("):\n");
      lines(out, report.usersCreated().stream().map(Report.CreatedUser::email).toList());
    }
    if (!report.usersArchived().isEmpty()) {
      out.append("\nArchived (").append(report.usersArchived().size()).append("):\n");
      lines(
          out,
          report.usersArchived().stream().map(a -> a.email() + " (" + a.reason() + ")").toList());
    }
    return out.toString();
  }

  private static void lines(StringBuilder out, List<String> lines) {
    List<String> shown = new ArrayList<>(lines.subList(0, Math.min(LINES, lines.size())));
    shown.forEach(line -> out.append("  - ").append(line).append('\n'));
    if (lines.size() > LINES) {
      out.append("  ... and ").append(lines.size() - LINES).append(" more\n");
    }
  }
}
