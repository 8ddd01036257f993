package io.kb4sync.core.audit;

import io.kb4sync.core.Emails;
import io.kb4sync.core.audit.AuditReport.CategoryCount;
import io.kb4sync.core.audit.AuditReport.NextSync;
import io.kb4sync.core.audit.AuditReport.Summary;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.plan.Conflict;
import io.kb4sync.core.plan.Consent;
import io.kb4sync.core.plan.MembershipChange;
import io.kb4sync.core.plan.PlannedArchive;
import io.kb4sync.core.plan.PlannedCreate;
import io.kb4sync.core.plan.PlannedLink;
import io.kb4sync.core.plan.PlannedManager;
import io.kb4sync.core.plan.PlannedRestore;
import io.kb4sync.core.plan.PlannedUpdate;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.Scope;
import io.kb4sync.core.plan.StagedArchive;
import io.kb4sync.core.plan.StaleAction;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.plan.UserRef;
import io.kb4sync.core.report.Reports;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds how far a KnowBe4 account has drifted from Microsoft 365. Pure: the same snapshots, state
 * and options always give the same audit; nothing is read or written here.
 *
 * <p>Wherever the sync's own plan answers (who would be created, restored, updated or archived,
 * which memberships change, which users conflict) the audit reads it from {@link Planner#plan}, so
 * an audit and the sync that follows can never disagree. The other findings (domains, department
 * mappings, SKUs, seats, mail versus UPN, never-synced users) are read from the same snapshots with
 * the sync's own scope rule ({@link Scope}) and email rule ({@link Emails}).
 */
public final class Auditor {
  /** Seat usage at or above this share (in percent) of the seats is a warning. */
  public static final int SEATS_WARNING_PERCENT = 90;

  private static final Map<Attribute, String> FIELD_NAMES = new EnumMap<>(Attribute.class);

  static {
    FIELD_NAMES.put(Attribute.EMAIL, "email");
    FIELD_NAMES.put(Attribute.GIVEN_NAME, "first_name");
    FIELD_NAMES.put(Attribute.FAMILY_NAME, "last_name");
    FIELD_NAMES.put(Attribute.DEPARTMENT, "department");
    FIELD_NAMES.put(Attribute.TITLE, "job_title");
    FIELD_NAMES.put(Attribute.MANAGER, "manager");
  }

  private Auditor() {}

  /**
   * Audits one company.
   *
   * @param options the options the company's next sync would run with (the audit plans it as a dry
   *     run)
   */
  public static AuditReport audit(
      AuditContext context,
      Instant startedAt,
      DirectorySnapshot directory,
      TrainingSnapshot training,
      CompanyState state,
      SyncOptions options) {
    return new Run(
            context,
            startedAt,
            directory,
            training,
            state,
            options.toBuilder().dryRun(true).build())
        .audit();
  }

  /** The audit of a company whose reads failed or came back incomplete (exit 1). */
  public static AuditReport failed(
      AuditContext context, Instant startedAt, String operation, String message) {
    return new AuditReport(
        context.displayName(),
        context.companyId(),
        Reports.iso(startedAt),
        false,
        1,
        Summary.empty(),
        null,
        List.of(),
        List.of(),
        List.of(new AuditReport.ErrorEntry(operation, message)));
  }

  /** The working state of one audit. */
  private static final class Run {
    private final AuditContext context;
    private final Instant startedAt;
    private final DirectorySnapshot directory;
    private final TrainingSnapshot training;
    private final CompanyState state;
    private final SyncOptions options;
    private final SyncPlan plan;
    private final Scope scope;
    private final List<DirectoryUser> inScope;
    private final Map<String, List<TrainingUser>> knowbe4ByEmail = new HashMap<>();

    /** Microsoft 365 id -> the existing KnowBe4 user id the plan matched it to. */
    private final Map<String, String> matchedKnowbe4Id = new HashMap<>();

    private final List<Finding> findings = new ArrayList<>();

    Run(
        AuditContext context,
        Instant startedAt,
        DirectorySnapshot directory,
        TrainingSnapshot training,
        CompanyState state,
        SyncOptions options) {
      this.context = context;
      this.startedAt = startedAt;
      this.directory = directory;
      this.training = training;
      this.state = state;
      this.options = options;
      this.plan = Planner.plan(directory, training, state, options);
      this.scope = new Scope(options.licenseFilter());
      this.inScope = directory.users().stream().filter(scope::includes).toList();
      for (TrainingUser user : training.users()) {
        String key = Emails.key(user.email());
        if (key != null) {
          knowbe4ByEmail.computeIfAbsent(key, k -> new ArrayList<>(1)).add(user);
        }
      }
      for (PlannedLink link : plan.links()) {
        if (link.user() instanceof UserRef.Existing existing) {
          matchedKnowbe4Id.put(link.m365Id(), existing.knowbe4Id());
        }
      }
    }

    AuditReport audit() {
      missing();
      stale();
      returning();
      attributeDrift();
      groupDrift();
      conflicts();
      outsideVerifiedDomains();
      unmappedDepartments();
      unknownSkus();
      seats();
      mailAndUpn();
      neverSynced();
      findings.sort(
          Comparator.comparing(Finding::severity)
              .thenComparing(Finding::category)
              .thenComparing(f -> f.subject() == null ? "" : f.subject().toLowerCase(Locale.ROOT))
              .thenComparing(Finding::title));
      return new AuditReport(
          context.displayName(),
          context.companyId(),
          Reports.iso(startedAt),
          true,
          0,
          summary(),
          nextSync(),
          findings,
          plan.warnings(),
          List.of());
    }

    // ---- findings the plan answers ------------------------------------------------------

    private void missing() {
      if (!plan.creates().isEmpty()) {
        List<AffectedUser> users = new ArrayList<>();
        for (PlannedCreate create : plan.creates()) {
          users.add(
              new AffectedUser(
                  create.user().email(),
                  join(
                      ", ",
                      join(" ", create.user().givenName(), create.user().familyName()),
                      create.user().department(),
                      create.groups().isEmpty()
                          ? null
                          : "groups " + String.join(", ", create.groups())),
                  null,
                  null,
                  null));
        }
        add(
            Category.MISSING_FROM_KNOWBE4,
            Severity.WARNING,
            null,
            count(users.size(), "licensed user has", "licensed users have")
                + " no KnowBe4 user: not enrolled in training",
            users,
            "creates them (KnowBe4 enrols and invites them)",
            "Nothing to change: the next sync creates them. To do it now: "
                + context.syncCommand());
      }
      if (!plan.heldCreates().isEmpty()) {
        add(
            Category.MISSING_FROM_KNOWBE4,
            Severity.CRITICAL,
            "held for lack of seats",
            count(plan.heldCreates().size(), "licensed user", "licensed users")
                + " cannot be created: the KnowBe4 account has too few seats",
            plan.heldCreates().stream().map(h -> AffectedUser.of(h.email(), h.reason())).toList(),
            "holds these creates back (exit 3)",
            "Buy more seats for the KnowBe4 account, or free seats by archiving leavers (see"
                + " stale_knowbe4_user), then run: "
                + context.syncCommand());
      }
    }

    private void stale() {
      boolean delete = plan.staleAction() == StaleAction.DELETE;
      if (!plan.archives().isEmpty()) {
        add(
            Category.STALE_KNOWBE4_USER,
            Severity.WARNING,
            delete ? "to delete" : "to archive",
            count(plan.archives().size(), "active KnowBe4 user has", "active KnowBe4 users have")
                + " no licensed Microsoft 365 user",
            plan.archives().stream().map(Run::staleUser).toList(),
            delete
                ? "deletes them (knowbe4_stale_action: delete)"
                : "archives them (history kept, seat freed)",
            "Nothing to change: the next sync "
                + (delete ? "deletes" : "archives")
                + " them. To do it now: "
                + context.syncCommand());
      }
      Map<String, List<StagedArchive>> byGuard = new TreeMap<>();
      for (StagedArchive staged : plan.stagedArchives()) {
        byGuard.computeIfAbsent(staged.heldBy(), k -> new ArrayList<>()).add(staged);
      }
      byGuard.forEach(
          (guard, staged) ->
              add(
                  Category.STALE_KNOWBE4_USER,
                  Severity.CRITICAL,
                  "held by a safety guard",
                  count(staged.size(), "stale KnowBe4 user", "stale KnowBe4 users")
                      + " would be held back by a safety guard: "
                      + guard,
                  staged.stream().map(s -> staleUser(s.archive())).toList(),
                  "holds these archives back (exit 4): " + guard,
                  consentAction(staged)));
      if (!plan.staleNotArchived().isEmpty()) {
        add(
            Category.STALE_KNOWBE4_USER,
            Severity.WARNING,
            "left active",
            count(
                    plan.staleNotArchived().size(),
                    "active KnowBe4 user has",
                    "active KnowBe4 users have")
                + " no licensed Microsoft 365 user and keep a seat",
            plan.staleNotArchived().stream().map(Run::staleUser).toList(),
            "leaves them active: remove_stale_users is false",
            "Check the list; to archive them run: "
                + removeStaleCommand()
                + " (or set knowbe4_remove_stale_users: true for this company in the"
                + " configuration, or archive them in the KnowBe4 console)");
      }
    }

    /**
     * The command that archives the stale users: with {@code --allow-mass-archive} when the
     * threshold guard would hold them back (the planner is asked, not second-guessed).
     */
    private String removeStaleCommand() {
      SyncOptions removing = options.toBuilder().removeStaleUsers(true).dryRun(true).build();
      SyncPlan removal = Planner.plan(directory, training, state, removing);
      long held =
          removal.stagedArchives().stream().filter(s -> s.guard().yieldsToConsent()).count();
      return context.syncCommand()
          + " --remove-stale-users"
          + (held > 0 ? " " + Consent.flag((int) held) : "");
    }

    private String consentAction(List<StagedArchive> staged) {
      if (staged.get(0).guard().yieldsToConsent()) {
        return "Check the list; if these users really left, give consent: "
            + context.syncCommand()
            + " --remove-stale-users "
            + Consent.flag(staged.size());
      }
      return "Check the license filter and the licenses in Microsoft 365: no command lifts this"
          + " guard; archives run once the guard no longer applies";
    }

    private static AffectedUser staleUser(PlannedArchive archive) {
      return new AffectedUser(
          archive.email(), archive.reason(), null, null, Reports.iso(archive.lastM365Sync()));
    }

    private void returning() {
      if (plan.restores().isEmpty()) {
        return;
      }
      add(
          Category.ARCHIVED_BUT_LICENSED,
          Severity.WARNING,
          null,
          count(plan.restores().size(), "archived KnowBe4 user is", "archived KnowBe4 users are")
              + " licensed again in Microsoft 365: not in training",
          plan.restores().stream()
              .map((PlannedRestore r) -> AffectedUser.of(r.email(), "archived in KnowBe4"))
              .toList(),
          "restores them (the same KnowBe4 user, history kept)",
          "Nothing to change: the next sync restores them. To do it now: " + context.syncCommand());
    }

    private void attributeDrift() {
      Map<String, List<AffectedUser>> byField = new LinkedHashMap<>();
      FIELD_NAMES.values().forEach(name -> byField.put(name, new ArrayList<>()));
      for (PlannedUpdate update : plan.updates()) {
        for (AttributeChange change : update.changes()) {
          byField
              .get(FIELD_NAMES.get(change.attribute()))
              .add(new AffectedUser(update.email(), null, change.from(), change.to(), null));
        }
      }
      for (PlannedManager manager : plan.managers()) {
        byField
            .get(FIELD_NAMES.get(Attribute.MANAGER))
            .add(
                new AffectedUser(
                    manager.email(),
                    manager.toEmail() == null ? "manager cleared" : null,
                    manager.fromEmail(),
                    manager.toEmail(),
                    null));
      }
      byField.forEach(
          (field, users) -> {
            if (users.isEmpty()) {
              return;
            }
            users.sort(Comparator.comparing(u -> lower(u.email())));
            add(
                Category.ATTRIBUTE_DRIFT,
                field.equals("email") ? Severity.WARNING : Severity.INFO,
                field,
                field
                    + " in KnowBe4 differs from Microsoft 365 for "
                    + count(users.size(), "user", "users"),
                users,
                "updates KnowBe4 to the Microsoft 365 value (Microsoft 365 is authoritative)",
                "Nothing to change: the next sync updates KnowBe4. To keep the KnowBe4 value,"
                    + " change it in Microsoft 365 instead. To update now: "
                    + context.syncCommand());
          });
    }

    private void groupDrift() {
      if (!options.syncGroups()) {
        return;
      }
      for (String group : plan.groupsToCreate()) {
        add(
            Category.GROUP_DRIFT,
            Severity.INFO,
            group,
            "managed group \"" + group + "\" does not exist in KnowBe4",
            List.of(),
            "creates the group",
            "Nothing to change: the next sync creates it. To do it now: " + context.syncCommand());
      }
      membershipFindings(plan.groupAdditions(), true);
      membershipFindings(plan.groupRemovals(), false);
    }

    private void membershipFindings(List<MembershipChange> changes, boolean missing) {
      Map<String, List<MembershipChange>> byGroup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (MembershipChange change : changes) {
        if (change.user() instanceof UserRef.Existing) {
          // A user the next sync creates is missing as a user (missing_from_knowbe4), not as a
          // member: its memberships come with its create.
          byGroup.computeIfAbsent(change.group(), k -> new ArrayList<>()).add(change);
        }
      }
      byGroup.forEach(
          (group, members) ->
              add(
                  Category.GROUP_DRIFT,
                  missing ? Severity.WARNING : Severity.INFO,
                  group,
                  missing
                      ? count(members.size(), "user is", "users are")
                          + " missing from managed group \""
                          + group
                          + "\""
                      : count(members.size(), "user is", "users are")
                          + " in managed group \""
                          + group
                          + "\" but should not be",
                  members.stream()
                      .map(
                          m ->
                              AffectedUser.of(
                                  m.email(), missing ? "missing membership" : "extra membership"))
                      .toList(),
                  missing ? "adds them to the group" : "removes them from the group",
                  (missing
                          ? "Nothing to change: the next sync adds them. "
                          : "Nothing to change if their department moved: the next sync removes"
                              + " them. To keep them, map their department to this group in"
                              + " knowbe4_department_group_mapping. ")
                      + "To do it now: "
                      + context.syncCommand()));
    }

    private void conflicts() {
      for (Conflict conflict : plan.conflicts()) {
        boolean duplicate =
            conflict.kind().equals(Conflict.DUPLICATE_KNOWBE4_EMAIL)
                || conflict.kind().equals(Conflict.DUPLICATE_M365_EMAIL);
        Map<String, Integer> seen = new LinkedHashMap<>();
        conflict.m365Users().forEach(e -> seen.merge("m|" + e, 1, Integer::sum));
        conflict.knowbe4Users().forEach(e -> seen.merge("k|" + e, 1, Integer::sum));
        List<AffectedUser> users = new ArrayList<>();
        seen.forEach(
            (key, n) -> {
              String email = key.substring(2);
              String side = key.startsWith("m|") ? "Microsoft 365 user" : "KnowBe4 user";
              users.add(AffectedUser.of(email, n > 1 ? side + " (" + n + " accounts)" : side));
            });
        add(
            duplicate ? Category.DUPLICATE_EMAIL : Category.CONFLICT,
            Severity.CRITICAL,
            conflict.kind(),
            conflict.kind() + ": " + String.join(", ", emailsOf(users)),
            users,
            "leaves these users untouched: no create, update or archive",
            conflictAction(conflict.kind()));
      }
    }

    private static String conflictAction(String kind) {
      if (kind.equals(Conflict.DUPLICATE_KNOWBE4_EMAIL)) {
        return "In the KnowBe4 console, archive or delete the extra KnowBe4 users with this"
            + " email so that one remains; the next sync then matches it";
      }
      if (kind.equals(Conflict.DUPLICATE_M365_EMAIL)) {
        return "In Microsoft 365, give each of these users its own mail address (or remove the"
            + " license from the account that should not train)";
      }
      if (kind.equals(Conflict.AMBIGUOUS_MATCH)) {
        return "The Microsoft 365 user's addresses match several KnowBe4 users: archive or"
            + " delete the extra KnowBe4 users in the console, or remove the stale smtp: alias"
            + " in Microsoft 365";
      }
      return "Several Microsoft 365 users claim one KnowBe4 user (by email or alias): remove the"
          + " alias from the Microsoft 365 user who should not own that address";
    }

    // ---- findings read from the snapshots -----------------------------------------------

    private void outsideVerifiedDomains() {
      Set<String> matched = new HashSet<>(matchedKnowbe4Id.values());
      Map<String, List<AffectedUser>> byDomain = new TreeMap<>();
      for (TrainingUser user : training.users()) {
        String domain = Emails.domain(user.email());
        if (!user.active()
            || matched.contains(user.id())
            || (domain != null && directory.verifiedDomains().contains(domain))) {
          continue;
        }
        byDomain
            .computeIfAbsent(domain == null ? "(no domain)" : domain, k -> new ArrayList<>())
            .add(AffectedUser.of(user.email(), join(" ", user.givenName(), user.familyName())));
      }
      byDomain.forEach(
          (domain, users) -> {
            users.sort(Comparator.comparing(u -> lower(u.email())));
            add(
                Category.OUTSIDE_VERIFIED_DOMAINS,
                Severity.WARNING,
                domain,
                count(users.size(), "active KnowBe4 user is", "active KnowBe4 users are")
                    + " in "
                    + domain
                    + ", not a verified domain of the tenant",
                users,
                "leaves them alone: kb4sync archives only users in the tenant's verified domains",
                "Check in the KnowBe4 console whether they still need training and archive them"
                    + " there if not; if the domain belongs to the company, verify it in"
                    + " Microsoft 365");
          });
    }

    private void unmappedDepartments() {
      if (!options.syncGroups()) {
        return;
      }
      Set<String> mapped = new HashSet<>();
      options
          .departmentGroupMapping()
          .forEach(
              (department, group) -> {
                if (department != null && group != null && !group.isBlank()) {
                  mapped.add(departmentKey(department));
                }
              });
      Map<String, List<DirectoryUser>> byDepartment = new TreeMap<>();
      for (DirectoryUser user : inScope) {
        if (user.department() == null || user.department().isBlank()) {
          continue;
        }
        String key = departmentKey(user.department());
        if (!mapped.contains(key)) {
          byDepartment.computeIfAbsent(key, k -> new ArrayList<>()).add(user);
        }
      }
      String defaultGroup = blankToNull(options.defaultGroup());
      byDepartment.forEach(
          (key, users) -> {
            String spelling =
                users.stream().map(u -> u.department().trim()).sorted().findFirst().orElse(key);
            List<AffectedUser> affected =
                users.stream()
                    .map(u -> AffectedUser.of(u.email(), u.department().trim()))
                    .sorted(Comparator.comparing(u -> lower(u.email())))
                    .toList();
            add(
                Category.UNMAPPED_DEPARTMENT,
                mapped.isEmpty() ? Severity.INFO : Severity.WARNING,
                spelling,
                "department \""
                    + spelling
                    + "\" ("
                    + count(users.size(), "user", "users")
                    + ") has no group mapping",
                affected,
                defaultGroup == null
                    ? "puts them in no group"
                    : "puts them in the default group \"" + defaultGroup + "\" only",
                "Add \""
                    + spelling
                    + "\": \"<KnowBe4 group>\" under knowbe4_department_group_mapping for company "
                    + context.companyId()
                    + " in the configuration (a company's map replaces the defaults' map whole)");
          });
    }

    private void unknownSkus() {
      Set<String> tenant = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      tenant.addAll(directory.subscribedSkus());
      List<String> filter =
          options.licenseFilter().stream()
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .distinct()
              .toList();
      List<String> missing = filter.stream().filter(s -> !tenant.contains(s)).sorted().toList();
      boolean none = !filter.isEmpty() && missing.size() == filter.size();
      String has = tenant.isEmpty() ? "none" : String.join(", ", new TreeSet<>(tenant));
      for (String sku : missing) {
        add(
            Category.LICENSE_SKU_NOT_IN_TENANT,
            none ? Severity.CRITICAL : Severity.WARNING,
            sku,
            "license filter names "
                + sku
                + ", which the tenant does not subscribe to"
                + (none ? ": no user can be in scope" : ""),
            List.of(),
            none
                ? "finds no user in scope (and holds every archive back)"
                : "ignores this entry of the filter",
            "Remove "
                + sku
                + " from knowbe4_sync_license_filter or correct its spelling (the tenant has: "
                + has
                + ")");
      }
    }

    private void seats() {
      if (training.seats().isEmpty()) {
        return;
      }
      int seats = training.seats().getAsInt();
      int used = plan.knowbe4UsersFound();
      int after = used + plan.creates().size() + plan.restores().size() - plan.archives().size();
      int needed = after + plan.heldCreates().size();
      Severity severity;
      String action;
      if (needed > seats) {
        severity = Severity.CRITICAL;
        action =
            "Buy at least "
                + (needed - seats)
                + " more seats for the KnowBe4 account, or free seats by archiving leavers (see"
                + " stale_knowbe4_user)";
      } else if ((long) after * 100 >= (long) SEATS_WARNING_PERCENT * seats) {
        severity = Severity.WARNING;
        action = "Plan more seats: fewer than " + (100 - SEATS_WARNING_PERCENT) + "% will be free";
      } else {
        severity = Severity.INFO;
        action = "None";
      }
      add(
          Category.SEAT_USAGE,
          severity,
          null,
          used
              + " of "
              + seats
              + " seats in use; "
              + after
              + " after the next sync"
              + (needed > seats ? "; " + needed + " needed" : ""),
          List.of(),
          plan.heldCreates().isEmpty()
              ? "uses " + after + " of " + seats + " seats"
              : "fills the seats and holds " + plan.heldCreates().size() + " creates back",
          action);
    }

    private void mailAndUpn() {
      List<AffectedUser> underUpn = new ArrayList<>();
      List<AffectedUser> otherDomain = new ArrayList<>();
      for (DirectoryUser user : inScope) {
        String mail = blankToNull(user.mail());
        if (mail == null || Emails.same(mail, user.userPrincipalName())) {
          continue;
        }
        String own = matchedKnowbe4Id.get(user.id());
        List<TrainingUser> atUpn =
            knowbe4ByEmail.getOrDefault(Emails.key(user.userPrincipalName()), List.of()).stream()
                .filter(k -> !k.id().equals(own))
                .toList();
        if (!atUpn.isEmpty()) {
          boolean active = atUpn.stream().anyMatch(TrainingUser::active);
          underUpn.add(
              new AffectedUser(
                  user.email(),
                  "KnowBe4 has another user named by the UPN ("
                      + (active ? "active" : "archived")
                      + ")",
                  atUpn.get(0).email(),
                  user.email(),
                  null));
        } else if (!java.util.Objects.equals(
            Emails.domain(mail), Emails.domain(user.userPrincipalName()))) {
          otherDomain.add(
              new AffectedUser(
                  user.email(), "UPN " + user.userPrincipalName().trim(), null, null, null));
        }
      }
      if (!underUpn.isEmpty()) {
        underUpn.sort(Comparator.comparing(u -> lower(u.email())));
        add(
            Category.MAIL_UPN_MISMATCH,
            Severity.WARNING,
            "KnowBe4 user under the UPN",
            count(underUpn.size(), "user has", "users have")
                + " a second KnowBe4 user named by the userPrincipalName while mail differs",
            underUpn,
            "keeps the user matched by mail; the KnowBe4 user named by the UPN stays a second"
                + " account unless it is stale (see stale_knowbe4_user)",
            "If both are the same person, archive (or delete) the KnowBe4 user named by the UPN"
                + " in the KnowBe4 console so that one account remains; if not, rename one of"
                + " them in Microsoft 365");
      }
      if (!otherDomain.isEmpty()) {
        otherDomain.sort(Comparator.comparing(u -> lower(u.email())));
        add(
            Category.MAIL_UPN_MISMATCH,
            Severity.INFO,
            "different domains",
            count(otherDomain.size(), "user has", "users have")
                + " mail and userPrincipalName in different domains",
            otherDomain,
            "uses mail, as always",
            "None for kb4sync while mail stays set (without mail the UPN becomes the email, a new"
                + " address). Any other tool that provisions KnowBe4 by UPN would create a second"
                + " user: use one source and one matching attribute");
      }
    }

    private void neverSynced() {
      List<AffectedUser> users = new ArrayList<>();
      Set<String> created = new HashSet<>();
      plan.creates().forEach(c -> created.add(c.m365Id()));
      for (DirectoryUser user : inScope) {
        if (state.links().containsKey(user.id())) {
          continue;
        }
        String detail =
            matchedKnowbe4Id.containsKey(user.id())
                ? "has a KnowBe4 user, not linked yet"
                : created.contains(user.id())
                    ? "no KnowBe4 user yet"
                    : "not linkable now: see conflicts and held creates";
        users.add(AffectedUser.of(user.email(), detail));
      }
      if (users.isEmpty()) {
        return;
      }
      users.sort(Comparator.comparing(u -> lower(u.email())));
      boolean first = state.links().isEmpty();
      add(
          Category.NEVER_SYNCED,
          Severity.INFO,
          null,
          first
              ? "no sync has run for this company yet: "
                  + count(users.size(), "user in scope", "users in scope")
              : count(users.size(), "user in scope was", "users in scope were")
                  + " never seen by a sync",
          users,
          "links them to their KnowBe4 users (a real run; a dry run stores nothing)",
          first
              ? "Preview the first sync with "
                  + context.syncCommand()
                  + " --dry-run, then run it without --dry-run"
              : "Check that the daily sync runs; " + context.syncCommand() + " links them");
    }

    // ---- summary ------------------------------------------------------------------------

    private Summary summary() {
      Map<Category, List<Finding>> byCategory = new EnumMap<>(Category.class);
      int[] bySeverity = new int[Severity.values().length];
      for (Finding finding : findings) {
        byCategory.computeIfAbsent(finding.category(), k -> new ArrayList<>()).add(finding);
        bySeverity[finding.severity().ordinal()]++;
      }
      List<CategoryCount> categories = new ArrayList<>();
      byCategory.forEach(
          (category, list) -> {
            Set<String> emails = new HashSet<>();
            list.forEach(f -> f.users().forEach(u -> emails.add(lower(u.email()))));
            Severity worst =
                list.stream().map(Finding::severity).min(Enum::compareTo).orElseThrow();
            categories.add(
                new CategoryCount(category, category.title(), worst, list.size(), emails.size()));
          });
      int archived = (int) training.users().stream().filter(u -> !u.active()).count();
      Integer seats = training.seats().isPresent() ? training.seats().getAsInt() : null;
      return new Summary(
          directory.users().size(),
          plan.m365UsersFound(),
          plan.knowbe4UsersFound(),
          archived,
          plan.usersMatched(),
          seats,
          seats == null ? null : plan.knowbe4UsersFound(),
          findings.size(),
          bySeverity[Severity.CRITICAL.ordinal()],
          bySeverity[Severity.WARNING.ordinal()],
          bySeverity[Severity.INFO.ordinal()],
          categories);
    }

    private NextSync nextSync() {
      Set<String> updated = new HashSet<>();
      plan.updates().forEach(u -> updated.add(u.knowbe4Id()));
      for (PlannedManager manager : plan.managers()) {
        if (manager.user() instanceof UserRef.Existing existing) {
          updated.add(existing.knowbe4Id());
        }
      }
      return new NextSync(
          context.syncCommand(),
          options.removeStaleUsers(),
          options.syncGroups(),
          plan.creates().size(),
          plan.heldCreates().size(),
          plan.restores().size(),
          updated.size(),
          plan.managers().size(),
          plan.archives().size(),
          plan.stagedArchives().size(),
          plan.staleNotArchived().size(),
          plan.groupsToCreate().size(),
          plan.groupAdditions().size(),
          plan.groupRemovals().size(),
          plan.conflicts().size(),
          consentCommand());
    }

    /** The command that lets the next sync's archives past the threshold guard, or null. */
    private String consentCommand() {
      long held = plan.stagedArchives().stream().filter(s -> s.guard().yieldsToConsent()).count();
      return held == 0
          ? null
          : Consent.command(context.configPath(), context.companyId(), (int) held);
    }

    // ---- helpers ------------------------------------------------------------------------

    private void add(
        Category category,
        Severity severity,
        String subject,
        String title,
        List<AffectedUser> users,
        String nextSync,
        String action) {
      findings.add(new Finding(category, severity, subject, title, users, nextSync, action));
    }

    private static List<String> emailsOf(List<AffectedUser> users) {
      return users.stream().map(AffectedUser::email).distinct().toList();
    }

    private static String departmentKey(String department) {
      return department.trim().toLowerCase(Locale.ROOT);
    }
  }

  static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part.trim());
      }
    }
    return present.isEmpty() ? null : String.join(separator, present);
  }

  static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
