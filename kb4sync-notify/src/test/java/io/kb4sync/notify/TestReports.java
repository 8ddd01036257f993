package io.kb4sync.notify;

import io.kb4sync.core.plan.Consent;
import io.kb4sync.core.plan.Guard;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import java.util.ArrayList;
import java.util.List;

/** A report builder for tests: a quiet successful sync of Acme Corp unless told otherwise. */
final class TestReports {
  boolean dryRun;
  int exitCode;
  String configPath = "/etc/kb4sync/config.yaml";
  int m365 = 10;
  int knowbe4 = 10;
  int updated;
  int additions;
  int removals;
  final List<Report.CreatedUser> created = new ArrayList<>();
  final List<Report.ArchivedUser> archived = new ArrayList<>();
  final List<Report.RestoredUser> restored = new ArrayList<>();
  final List<Report.StagedArchive> staged = new ArrayList<>();
  final List<Report.HeldCreate> heldCreates = new ArrayList<>();
  final List<Report.UserUpdate> userUpdates = new ArrayList<>();
  final List<String> groupsCreated = new ArrayList<>();
  final List<Report.ConflictEntry> conflicts = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<Report.ErrorEntry> errors = new ArrayList<>();

  static final String MASS_GUARD =
      "mass archive: 7 archives exceed max(5, 10% of 20 active KnowBe4 users); run again with"
          + " --allow-mass-archive to consent";

  static TestReports quiet() {
    return new TestReports();
  }

  TestReports dryRun() {
    this.dryRun = true;
    return this;
  }

  TestReports created(String email, String first, String last) {
    created.add(
        new Report.CreatedUser(
            email, first, last, "Sales", "Sales Team", dryRun ? "Planned" : "Invited", List.of()));
    return this;
  }

  TestReports createdMany(int n) {
    for (int i = 0; i < n; i++) {
      created("user" + i + "@acme.example", "User", Integer.toString(i));
    }
    return this;
  }

  TestReports archived(String email) {
    archived.add(new Report.ArchivedUser(email, "No longer licensed", "2026-11-01T00:00:00Z"));
    return this;
  }

  TestReports staged(int n, String guard) {
    for (int i = 0; i < n; i++) {
      staged.add(
          new Report.StagedArchive(
              "stale" + i + "@acme.example",
              "No longer in M365",
              null,
              guard,
              guard.contains("--allow-mass-archive") ? Guard.THRESHOLD : Guard.NO_USERS_IN_SCOPE));
    }
    return this;
  }

  /** The configuration file the report's consent command names. */
  TestReports configPath(String path) {
    this.configPath = path;
    return this;
  }

  TestReports error(String email, String operation, String message) {
    errors.add(new Report.ErrorEntry(email, operation, message));
    return this;
  }

  TestReports failed(String message) {
    this.exitCode = 1;
    errors.add(new Report.ErrorEntry(null, "read Microsoft 365", message));
    return this;
  }

  TestReports conflict() {
    conflicts.add(
        new Report.ConflictEntry(
            "two KnowBe4 users with one email",
            List.of("dup@acme.example"),
            List.of("dup@acme.example", "DUP@acme.example")));
    return this;
  }

  TestReports heldCreate(String email) {
    heldCreates.add(new Report.HeldCreate(email, "no seat left"));
    return this;
  }

  TestReports updated(String email, String attribute, String from, String to) {
    userUpdates.add(new Report.UserUpdate(email, List.of(new Report.Change(attribute, from, to))));
    updated++;
    return this;
  }

  TestReports memberships(int added, int removed) {
    this.additions = added;
    this.removals = removed;
    return this;
  }

  TestReports warning(String text) {
    warnings.add(text);
    return this;
  }

  Report build() {
    long consentable = staged.stream().filter(a -> a.guard().yieldsToConsent()).count();
    Outcome outcome =
        exitCode == 1
            ? Outcome.FAILED
            : !staged.isEmpty()
                ? Outcome.HELD
                : !errors.isEmpty() || !heldCreates.isEmpty() ? Outcome.PARTIAL : Outcome.OK;
    return new Report(
        outcome.success(),
        new Report.SyncSummary(
            "Acme Corp",
            m365,
            knowbe4,
            m365 - created.size(),
            created.size(),
            updated,
            archived.size(),
            2,
            "2026-11-30T08:00:00Z"),
        created,
        archived,
        new Report.AttributeUpdates(0, 0, updated, 0, 0),
        new Report.GroupChanges(additions, removals),
        dryRun,
        "1001",
        outcome.exitCode(),
        outcome,
        restored,
        staged,
        staged.isEmpty() ? null : "f".repeat(64),
        consentable == 0 ? null : Consent.command(configPath, "1001", (int) consentable),
        heldCreates,
        userUpdates,
        groupsCreated,
        conflicts,
        warnings,
        errors);
  }
}
