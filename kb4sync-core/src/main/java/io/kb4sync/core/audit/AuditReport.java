package io.kb4sync.core.audit;

import io.kb4sync.core.run.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The comprehensive audit of one company: how far its KnowBe4 account has drifted from Microsoft
 * 365, and what the next sync would do. Component names are the document's keys in camelCase (the
 * JSON writer turns them into snake_case); {@code docs/audit.schema.json} is its schema.
 *
 * @param company the company's name (its id when it has none)
 * @param auditTimestamp the audit's start, ISO-8601 UTC with {@code Z}
 * @param complete false when a read failed or came back incomplete: then {@code errors} says why,
 *     {@code findings} is empty and {@code nextSync} is null
 * @param exitCode 0 when the audit ran (whatever it found), 1 when it could not read, 2 when its
 *     configuration did not let it start
 * @param nextSync what the next sync would do with the company's current settings; null when the
 *     audit could not read
 * @param findings sorted: critical first, then by category, then by subject
 * @param warnings what the sync's planner would warn about, and failed notification channels
 * @param errors why the audit could not read (empty when {@code complete})
 */
public record AuditReport(
    String company,
    String companyId,
    String auditTimestamp,
    boolean complete,
    int exitCode,
    Summary summary,
    NextSync nextSync,
    List<Finding> findings,
    List<String> warnings,
    List<ErrorEntry> errors) {

  public AuditReport {
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(summary, "summary");
    findings = List.copyOf(findings);
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
  }

  /** This audit with more warnings (e.g. a notification channel that failed), kept sorted. */
  public AuditReport withWarnings(List<String> more) {
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    all.sort(null);
    return new AuditReport(
        company,
        companyId,
        auditTimestamp,
        complete,
        exitCode,
        summary,
        nextSync,
        findings,
        all,
        errors);
  }

  /**
   * {@code ok} when the audit ran, whatever it found; {@code failed} when it could not read; {@code
   * config_error} when its configuration did not let it start.
   */
  public Outcome outcome() {
    if (complete) {
      return Outcome.OK;
    }
    return exitCode == Outcome.CONFIG_ERROR.exitCode() ? Outcome.CONFIG_ERROR : Outcome.FAILED;
  }

  /** The most severe finding's severity, or null when nothing was found. */
  public Severity worst() {
    return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(null);
  }

  /**
   * The headline counts.
   *
   * @param m365UsersRead every Microsoft 365 user read, in scope or not
   * @param m365UsersFound in-scope Microsoft 365 users (as a sync's {@code m365_users_found})
   * @param knowbe4UsersFound active KnowBe4 users, in all domains
   * @param knowbe4UsersArchived archived KnowBe4 users
   * @param usersMatched in-scope users matched to an active KnowBe4 user
   * @param seats the account's seats, or null when unknown (no Reporting API key)
   * @param seatsUsed active KnowBe4 users when seats are known, else null
   * @param findings all findings; {@code critical + warning + info}
   * @param categories one entry per category with at least one finding, in category order
   */
  public record Summary(
      int m365UsersRead,
      int m365UsersFound,
      int knowbe4UsersFound,
      int knowbe4UsersArchived,
      int usersMatched,
      Integer seats,
      Integer seatsUsed,
      int findings,
      int critical,
      int warning,
      int info,
      List<CategoryCount> categories) {
    public Summary {
      categories = List.copyOf(categories);
    }

    /** The summary of an audit that could not read. */
    public static Summary empty() {
      return new Summary(0, 0, 0, 0, 0, null, null, 0, 0, 0, 0, List.of());
    }
  }

  /**
   * Findings of one category.
   *
   * @param severity the most severe of its findings
   * @param users distinct emails concerned (0 for findings about the account or the configuration)
   */
  public record CategoryCount(
      Category category, String title, Severity severity, int findings, int users) {}

  /**
   * What the next sync would do, as a dry run would plan it now.
   *
   * @param command the command that runs that sync
   * @param usersUpdated users with at least one attribute or manager change
   * @param usersArchived stale users archived (or deleted, with {@code knowbe4_stale_action:
   *     delete})
   * @param archivesHeld archives a safety guard would hold back
   * @param staleLeftAlone stale users left active because remove_stale_users is false
   */
  public record NextSync(
      String command,
      boolean removeStaleUsers,
      boolean syncGroups,
      int usersCreated,
      int createsHeld,
      int usersRestored,
      int usersUpdated,
      int managersUpdated,
      int usersArchived,
      int archivesHeld,
      int staleLeftAlone,
      int groupsCreated,
      int groupAdditions,
      int groupRemovals,
      int conflicts,
      String consentCommand) {

    /** True when the next sync would write anything to KnowBe4. */
    public boolean writesAnything() {
      return usersCreated
              + usersRestored
              + usersUpdated
              + managersUpdated
              + usersArchived
              + groupsCreated
              + groupAdditions
              + groupRemovals
          > 0;
    }
  }

  /** Why the audit could not read: the step and the remote system's message. */
  public record ErrorEntry(String operation, String message) {}
}
