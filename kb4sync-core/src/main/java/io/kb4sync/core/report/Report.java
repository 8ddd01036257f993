package io.kb4sync.core.report;

import io.kb4sync.core.plan.Guard;
import io.kb4sync.core.run.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The report of one sync, printed as JSON. Component names are the contract's keys in camelCase
 * (the JSON writer turns them into snake_case): the seed's keys first, in the seed's order and
 * nesting, then the extras.
 */
public record Report(
    boolean success,
    SyncSummary syncSummary,
    List<CreatedUser> usersCreated,
    List<ArchivedUser> usersArchived,
    AttributeUpdates attributeUpdates,
    GroupChanges groupChanges,
    boolean dryRun,
    String companyId,
    int exitCode,
    Outcome outcome,
    List<RestoredUser> usersRestored,
    List<StagedArchive> stagedArchives,
    String stagedArchivesFingerprint,
    String consentCommand,
    List<HeldCreate> heldCreates,
    List<UserUpdate> userUpdates,
    List<String> groupsCreated,
    List<ConflictEntry> conflicts,
    List<String> warnings,
    List<ErrorEntry> errors) {

  public Report {
    Objects.requireNonNull(outcome, "outcome");
    if (success != outcome.success() || exitCode != outcome.exitCode()) {
      throw new IllegalArgumentException(
          "success and exit_code must follow the outcome " + outcome.id());
    }
    usersCreated = List.copyOf(usersCreated);
    usersArchived = List.copyOf(usersArchived);
    usersRestored = List.copyOf(usersRestored);
    stagedArchives = List.copyOf(stagedArchives);
    heldCreates = List.copyOf(heldCreates);
    userUpdates = List.copyOf(userUpdates);
    groupsCreated = List.copyOf(groupsCreated);
    conflicts = List.copyOf(conflicts);
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
  }

  /** True when the run changed (or, in a dry run, planned to change) anything in KnowBe4. */
  public boolean hasChanges() {
    return syncSummary.usersCreated() > 0
        || syncSummary.usersUpdated() > 0
        || syncSummary.usersArchived() > 0
        || !usersRestored.isEmpty()
        || !groupsCreated.isEmpty()
        || groupChanges.groupAdditions() > 0
        || groupChanges.groupRemovals() > 0;
  }

  /** True when archives are held that a person's consent would release. */
  public boolean needsConsent() {
    return stagedArchives.stream().anyMatch(s -> s.guard().yieldsToConsent());
  }

  /** This report with more warnings (e.g. a notification channel that failed), kept sorted. */
  public Report withWarnings(List<String> more) {
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    all.sort(null);
    return new Report(
        success,
        syncSummary,
        usersCreated,
        usersArchived,
        attributeUpdates,
        groupChanges,
        dryRun,
        companyId,
        exitCode,
        outcome,
        usersRestored,
        stagedArchives,
        stagedArchivesFingerprint,
        consentCommand,
        heldCreates,
        userUpdates,
        groupsCreated,
        conflicts,
        all,
        errors);
  }

  /** The seed's summary block, exactly. */
  public record SyncSummary(
      String company,
      int m365UsersFound,
      int knowbe4UsersFound,
      int usersMatched,
      int usersCreated,
      int usersUpdated,
      int usersArchived,
      int groupsSynced,
      String syncTimestamp) {}

  /**
   * A user created (or planned).
   *
   * @param knowbe4Group the mapped department group, else the default group, else null
   * @param enrollmentStatus {@code Invited} for a created user, {@code Planned} in a dry run
   * @param knowbe4Groups every group the user was put in
   */
  public record CreatedUser(
      String email,
      String firstName,
      String lastName,
      String department,
      String knowbe4Group,
      String enrollmentStatus,
      List<String> knowbe4Groups) {}

  /**
   * A user archived (or deleted, when the company opted in).
   *
   * @param lastM365Sync ISO-8601 UTC, or null when never seen
   */
  public record ArchivedUser(String email, String reason, String lastM365Sync) {}

  /**
   * An archive a safety guard held back.
   *
   * @param heldBy the guard's reason and how to consent, as a person reads it
   * @param guard which guard held it
   */
  public record StagedArchive(
      String email, String reason, String lastM365Sync, String heldBy, Guard guard) {}

  /** Users per category of attribute change. */
  public record AttributeUpdates(
      int namesUpdated,
      int departmentsUpdated,
      int titlesUpdated,
      int managersUpdated,
      int emailsUpdated) {}

  /** Memberships added to and removed from managed groups. */
  public record GroupChanges(int groupAdditions, int groupRemovals) {}

  /** An archived user reactivated. */
  public record RestoredUser(String email) {}

  /** A create held back; nothing was written for this user. */
  public record HeldCreate(String email, String reason) {}

  /** The attribute changes of one existing user. */
  public record UserUpdate(String email, List<Change> changes) {}

  /** One attribute change; manager values are emails. */
  public record Change(String attribute, String from, String to) {}

  /** Users left untouched because they could not be matched safely. */
  public record ConflictEntry(String kind, List<String> m365Users, List<String> knowbe4Users) {}

  /** A failed operation: the user's email, the operation and the remote system's message. */
  public record ErrorEntry(String email, String operation, String message) {}
}
