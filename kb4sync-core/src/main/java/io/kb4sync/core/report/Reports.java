package io.kb4sync.core.report;

import io.kb4sync.core.execute.ExecutionResult;
import io.kb4sync.core.execute.Operations;
import io.kb4sync.core.plan.Consent;
import io.kb4sync.core.plan.PlannedArchive;
import io.kb4sync.core.plan.PlannedCreate;
import io.kb4sync.core.plan.PlannedManager;
import io.kb4sync.core.plan.PlannedUpdate;
import io.kb4sync.core.plan.StagedArchive;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the report from a plan and what happened when it was applied. Only operations that
 * succeeded (or, in a dry run, are planned) are counted and listed; failures go to {@code errors}.
 */
public final class Reports {
  public static final String INVITED = "Invited";
  public static final String PLANNED = "Planned";

  private Reports() {}

  public static Report of(
      Company company, SyncPlan plan, ExecutionResult result, boolean dryRun, Instant startedAt) {
    List<Report.CreatedUser> created = new ArrayList<>();
    for (PlannedCreate create : plan.creates()) {
      if (result.ok(create.key())) {
        created.add(
            new Report.CreatedUser(
                create.user().email(),
                create.user().givenName(),
                create.user().familyName(),
                create.user().department(),
                create.primaryGroup(),
                dryRun ? PLANNED : INVITED,
                create.groups()));
      }
    }
    List<Report.ArchivedUser> archived = new ArrayList<>();
    for (PlannedArchive archive : plan.archives()) {
      if (result.ok(archive.key())) {
        archived.add(
            new Report.ArchivedUser(
                archive.email(), archive.reason(), iso(archive.lastM365Sync())));
      }
    }
    List<Report.RestoredUser> restored =
        plan.restores().stream()
            .filter(r -> result.ok(r.key()))
            .map(r -> new Report.RestoredUser(r.email()))
            .toList();

    Changes changes = new Changes();
    for (PlannedUpdate update : plan.updates()) {
      if (result.ok(update.key())) {
        for (AttributeChange change : update.changes()) {
          changes.add(
              update.email(),
              "kb4:" + update.knowbe4Id(),
              change.attribute(),
              change.from(),
              change.to());
        }
      }
    }
    for (PlannedManager manager : plan.managers()) {
      if (result.ok(manager.key())) {
        changes.add(
            manager.email(),
            manager.user().key(),
            Attribute.MANAGER,
            manager.fromEmail(),
            manager.toEmail());
      }
    }

    int additions =
        (int) plan.groupAdditions().stream().filter(a -> result.ok(a.key("add"))).count();
    int removals =
        (int) plan.groupRemovals().stream().filter(r -> result.ok(r.key("remove"))).count();
    List<String> groupsCreated =
        plan.groupsToCreate().stream()
            .filter(g -> result.ok(Operations.group(g)))
            .sorted()
            .toList();
    int failedGroupCreates = plan.groupsToCreate().size() - groupsCreated.size();

    List<Report.StagedArchive> staged =
        plan.stagedArchives().stream()
            .map(
                s ->
                    new Report.StagedArchive(
                        s.archive().email(),
                        s.archive().reason(),
                        iso(s.archive().lastM365Sync()),
                        s.heldBy(),
                        s.guard()))
            .toList();
    List<PlannedArchive> consentable =
        plan.stagedArchives().stream()
            .filter(s -> s.guard().yieldsToConsent())
            .map(StagedArchive::archive)
            .toList();
    List<Report.HeldCreate> held =
        plan.heldCreates().stream().map(h -> new Report.HeldCreate(h.email(), h.reason())).toList();
    List<Report.ErrorEntry> errors = new ArrayList<>();
    if (result.interruption() != null) {
      errors.add(new Report.ErrorEntry(null, "interrupted", result.interruption()));
    }
    List<Report.ErrorEntry> failed = new ArrayList<>();
    plan.refused().stream()
        .map(r -> new Report.ErrorEntry(r.email(), r.operation(), r.reason()))
        .forEach(failed::add);
    result.errors().stream()
        .map(e -> new Report.ErrorEntry(e.email(), e.operation(), e.message()))
        .forEach(failed::add);
    // Refused writes and failed ones in one list by email, as the executor orders its own.
    failed.sort(
        Comparator.comparing(
                (Report.ErrorEntry e) ->
                    e.email() == null ? "" : e.email().toLowerCase(Locale.ROOT))
            .thenComparing(Report.ErrorEntry::operation)
            .thenComparing(Report.ErrorEntry::message));
    errors.addAll(failed);
    Outcome outcome =
        !staged.isEmpty()
            ? Outcome.HELD
            : result.interruption() != null
                ? Outcome.INTERRUPTED
                : !errors.isEmpty() || !held.isEmpty() || plan.unappliedWrites() > 0
                    // Writes KnowBe4 accepted earlier and has not applied (WriteCheck): partial.
                    ? Outcome.PARTIAL
                    : Outcome.OK;

    return new Report(
        outcome.success(),
        new Report.SyncSummary(
            company.displayName(),
            plan.m365UsersFound(),
            plan.knowbe4UsersFound(),
            plan.usersMatched(),
            created.size(),
            changes.users(),
            archived.size(),
            plan.groupsSynced() - failedGroupCreates,
            iso(startedAt)),
        created,
        archived,
        new Report.AttributeUpdates(
            changes.count(Attribute.GIVEN_NAME, Attribute.FAMILY_NAME),
            changes.count(Attribute.DEPARTMENT),
            changes.count(Attribute.TITLE),
            changes.count(Attribute.MANAGER),
            changes.count(Attribute.EMAIL)),
        new Report.GroupChanges(additions, removals),
        dryRun,
        company.companyId(),
        outcome.exitCode(),
        outcome,
        restored,
        staged,
        consentable.isEmpty() ? null : Consent.fingerprint(consentable),
        consentable.isEmpty()
            ? null
            : Consent.command(company.configPath(), company.companyId(), consentable.size()),
        held,
        changes.userUpdates(),
        groupsCreated,
        plan.conflicts().stream()
            .map(c -> new Report.ConflictEntry(c.kind(), c.m365Users(), c.knowbe4Users()))
            .toList(),
        plan.warnings(),
        errors);
  }

  /** The report of a run that could not proceed (exit 1): nothing was written. */
  public static Report failed(
      Company company, boolean dryRun, Instant startedAt, String operation, String message) {
    return didNotRun(Outcome.FAILED, company, dryRun, startedAt, operation, message);
  }

  /**
   * The report of a company whose configuration does not let it run (exit 2), e.g. no tenant from
   * the configuration or the stored mappings; with {@code --all-companies} the others still run.
   */
  public static Report configError(
      Company company, boolean dryRun, Instant startedAt, String message) {
    return didNotRun(Outcome.CONFIG_ERROR, company, dryRun, startedAt, "configuration", message);
  }

  private static Report didNotRun(
      Outcome outcome,
      Company company,
      boolean dryRun,
      Instant startedAt,
      String operation,
      String message) {
    return new Report(
        false,
        new Report.SyncSummary(company.displayName(), 0, 0, 0, 0, 0, 0, 0, iso(startedAt)),
        List.of(),
        List.of(),
        new Report.AttributeUpdates(0, 0, 0, 0, 0),
        new Report.GroupChanges(0, 0),
        dryRun,
        company.companyId(),
        outcome.exitCode(),
        outcome,
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(new Report.ErrorEntry(null, operation, message)));
  }

  /** ISO-8601 UTC with {@code Z}, to the second; null for null. */
  public static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Attribute changes per user, for the counts and the {@code user_updates} extra. */
  private static final class Changes {
    private final Map<String, List<Report.Change>> byUser = new HashMap<>();
    private final Map<String, String> emails = new HashMap<>();
    private final Map<Attribute, Set<String>> usersByAttribute = new HashMap<>();

    void add(String email, String userKey, Attribute attribute, String from, String to) {
      emails.put(userKey, email);
      byUser
          .computeIfAbsent(userKey, k -> new ArrayList<>())
          .add(new Report.Change(name(attribute), from, to));
      usersByAttribute.computeIfAbsent(attribute, k -> new HashSet<>()).add(userKey);
    }

    int users() {
      return byUser.size();
    }

    int count(Attribute... attributes) {
      Set<String> users = new HashSet<>();
      for (Attribute attribute : attributes) {
        users.addAll(usersByAttribute.getOrDefault(attribute, Set.of()));
      }
      return users.size();
    }

    List<Report.UserUpdate> userUpdates() {
      List<Report.UserUpdate> updates = new ArrayList<>();
      byUser.forEach(
          (key, list) -> updates.add(new Report.UserUpdate(emails.get(key), List.copyOf(list))));
      updates.sort(
          Comparator.comparing((Report.UserUpdate u) -> u.email().toLowerCase(Locale.ROOT)));
      return updates;
    }

    private static String name(Attribute attribute) {
      switch (attribute) {
        case GIVEN_NAME:
          return "first_name";
        case FAMILY_NAME:
          return "last_name";
        case TITLE:
          return "job_title";
        default:
          return attribute.name().toLowerCase(Locale.ROOT);
      }
    }
  }
}
