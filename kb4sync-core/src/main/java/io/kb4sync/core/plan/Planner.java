package io.kb4sync.core.plan;

import io.kb4sync.core.Emails;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.PendingWrite;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.AttributeLimits;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what one sync does. Pure: the same snapshots, state and options always give the same
 * plan; nothing is read or written here.
 */
public final class Planner {

  private Planner() {}

  public static SyncPlan plan(
      DirectorySnapshot directory,
      TrainingSnapshot training,
      CompanyState state,
      SyncOptions options) {
    return plan(directory, training, state, options, WriteCheck.NONE);
  }

  /**
   * Plans around the writes of earlier runs that KnowBe4 has not applied yet: those younger than an
   * hour, or resent within the last day, are not planned again ({@link WriteCheck}).
   */
  public static SyncPlan plan(
      DirectorySnapshot directory,
      TrainingSnapshot training,
      CompanyState state,
      SyncOptions options,
      WriteCheck writes) {
    return new Run(directory, training, state, options, writes).plan();
  }

  /** The working state of one planning pass. */
  private static final class Run {
    private final DirectorySnapshot directory;
    private final TrainingSnapshot training;
    private final CompanyState state;
    private final SyncOptions options;
    private final Scope scope;
    private final GroupPlanner groups;
    private final Map<String, DirectoryUser> m365ById = new HashMap<>();
    private final Map<String, TrainingUser> knowbe4ById = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<RefusedUser> refused = new ArrayList<>();
    private final WriteCheck writes;
    private final List<PendingWrite> held = new ArrayList<>();
    private final List<PendingWrite> resent = new ArrayList<>();
    private final Set<String> rechecked = new HashSet<>();

    Run(
        DirectorySnapshot directory,
        TrainingSnapshot training,
        CompanyState state,
        SyncOptions options,
        WriteCheck writes) {
      this.writes = writes;
      this.directory = directory;
      this.training = training;
      this.state = state;
      this.options = options;
      this.scope = new Scope(options.licenseFilter());
      this.groups = new GroupPlanner(options.defaultGroup(), options.departmentGroupMapping());
      directory.users().forEach(u -> m365ById.put(u.id(), u));
      training.users().forEach(u -> knowbe4ById.put(u.id(), u));
    }

    SyncPlan plan() {
      warnAboutUnknownSkus();
      warnings.addAll(training.warnings());
      List<DirectoryUser> inScope = directory.users().stream().filter(scope::includes).toList();
      int activeBefore = (int) training.users().stream().filter(TrainingUser::active).count();
      Matching matching = new Matcher(training.users(), state.links()).match(inScope);

      List<PlannedRestore> restores = new ArrayList<>();
      List<PlannedUpdate> updates = new ArrayList<>();
      List<PlannedLink> links = new ArrayList<>();
      int matched = 0;
      for (DirectoryUser user : inScope) {
        TrainingUser knowbe4 = matching.matches().get(user.id());
        if (knowbe4 == null) {
          continue;
        }
        // The link remembers the address KnowBe4 held when read, not the Microsoft 365 one: an
        // email change sent now may be applied later (or not at all), and a later read from the
        // other KnowBe4 surface (other ids) finds the user by the address it really has.
        links.add(
            new PlannedLink(
                user.id(), new UserRef.Existing(knowbe4.id()), Emails.key(knowbe4.email())));
        if (knowbe4.active()) {
          matched++;
        } else if (!heldBack(writes.restore(knowbe4.id()))) {
          restores.add(new PlannedRestore(knowbe4.id(), user.email()));
        }
        List<AttributeChange> changes = new ArrayList<>();
        for (AttributeChange change : attributeChanges(user, knowbe4)) {
          if (!heldBack(writes.update(knowbe4.id(), change))) {
            changes.add(change);
          }
        }
        if (!changes.isEmpty()) {
          updates.add(new PlannedUpdate(knowbe4.id(), user.email(), changes));
        }
      }

      List<DirectoryUser> unmatched = new ArrayList<>();
      for (DirectoryUser user : matching.unmatched()) {
        if (AttributeLimits.emailTooLong(user.email())) {
          refused.add(new RefusedUser(user.email(), "create", emailTooLong(user.email())));
          continue;
        }
        PendingWrite earlier = writes.create(user.id());
        if (earlier != null && !Objects.equals(earlier.email(), Emails.key(user.email()))) {
          // Never sent again under another address: the first create may still apply, and two
          // users would result.
          held.add(earlier);
          continue;
        }
        if (heldBack(earlier)) {
          continue;
        }
        if (earlier != null) {
          rechecked.add(user.id());
        }
        unmatched.add(user);
      }
      List<HeldCreate> heldCreates = new ArrayList<>();
      List<DirectoryUser> toCreate = holdForSeats(unmatched, activeBefore, restores, heldCreates);
      List<PlannedCreate> creates = new ArrayList<>();
      for (DirectoryUser user : toCreate) {
        creates.add(
            new PlannedCreate(
                user.id(),
                new NewUser(
                    user.email(),
                    fitted(user, "first_name", user.givenName()),
                    fitted(user, "last_name", user.surname()),
                    fitted(user, "department", user.department()),
                    fitted(user, "job_title", user.jobTitle()),
                    user.id()),
                options.syncGroups() ? groups.groupsFor(user.department()) : List.of(),
                options.syncGroups() ? groups.primaryGroup(user.department()) : null,
                null));
        links.add(
            new PlannedLink(user.id(), new UserRef.Created(user.id()), Emails.key(user.email())));
      }

      Map<String, UserRef> refByM365Id = new HashMap<>();
      matching
          .matches()
          .forEach((m365Id, k) -> refByM365Id.put(m365Id, new UserRef.Existing(k.id())));
      creates.forEach(c -> refByM365Id.put(c.m365Id(), c.ref()));
      Map<String, UserRef> managerOfNewUser = new HashMap<>();
      List<PlannedManager> managers =
          managerChanges(inScope, matching, refByM365Id, managerOfNewUser);
      creates.replaceAll(c -> c.withManager(managerOfNewUser.get(c.m365Id())));

      List<PlannedArchive> stale = new ArrayList<>();
      for (PlannedArchive archive :
          new StaleUsers(directory, training, state, scope).find(matching, warnings)) {
        if (!heldBack(writes.archive(archive.knowbe4Id()))) {
          stale.add(archive);
        }
      }
      List<PlannedArchive> archives = new ArrayList<>();
      List<StagedArchive> staged = new ArrayList<>();
      List<PlannedArchive> notArchived = new ArrayList<>();
      if (!options.removeStaleUsers()) {
        notArchived.addAll(stale);
        if (!stale.isEmpty()) {
          warnings.add(
              stale.size()
                  + " KnowBe4 users are stale but remove_stale_users is false: none archived");
        }
      } else {
        ArchiveGuards.Hold hold =
            ArchiveGuards.hold(directory.complete(), inScope.size(), stale, activeBefore, options);
        if (hold == null) {
          archives.addAll(stale);
        } else {
          stale.forEach(a -> staged.add(new StagedArchive(a, hold.guard(), hold.reason())));
        }
      }

      GroupPlanner.GroupPlan groupPlan = planGroups(inScope, matching, creates);

      links.sort(Comparator.comparing(PlannedLink::m365Id));
      updates.sort(
          Comparator.comparing((PlannedUpdate u) -> lower(u.email()))
              .thenComparing(PlannedUpdate::knowbe4Id));
      restores.sort(
          Comparator.comparing((PlannedRestore r) -> lower(r.email()))
              .thenComparing(PlannedRestore::knowbe4Id));
      creates.sort(
          Comparator.comparing((PlannedCreate c) -> lower(c.user().email()))
              .thenComparing(PlannedCreate::m365Id));
      return new SyncPlan(
          inScope.size(),
          activeBefore,
          matched,
          creates,
          heldCreates,
          restores,
          updates,
          managers,
          archives,
          staged,
          groupPlan.toCreate(),
          groupPlan.additions(),
          groupPlan.removals(),
          groupPlan.managed(),
          groupPlan.reconciled(),
          matching.conflicts(),
          sortedWarnings(groupPlan.warnings()),
          links,
          notArchived,
          options.staleAction(),
          held,
          resent,
          rechecked,
          writes.unapplied().size(),
          refused.stream()
              .sorted(Comparator.comparing((RefusedUser r) -> lower(r.email())))
              .toList());
    }

    /**
     * True when an earlier, not yet visible write of this operation is held back (sent less than an
     * hour ago, or resent within the last day); false when there is none or it is due again.
     */
    private boolean heldBack(PendingWrite earlier) {
      if (earlier == null) {
        return false;
      }
      if (writes.due(earlier)) {
        resent.add(earlier);
        return false;
      }
      held.add(earlier);
      return true;
    }

    private void warnAboutUnknownSkus() {
      Set<String> tenant = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      tenant.addAll(directory.subscribedSkus());
      List<String> missing =
          options.licenseFilter().stream()
              .filter(sku -> !tenant.contains(sku.trim()))
              .sorted()
              .toList();
      if (!missing.isEmpty()) {
        warnings.add(
            "license filter names SKUs the tenant does not have: "
                + String.join(", ", missing)
                + " (the tenant has: "
                + (tenant.isEmpty()
                    ? "none"
                    : String.join(", ", new TreeSet<>(directory.subscribedSkus())))
                + ")");
      }
    }

    private List<AttributeChange> attributeChanges(DirectoryUser user, TrainingUser knowbe4) {
      List<AttributeChange> changes = new ArrayList<>(2);
      if (!Emails.same(user.email(), knowbe4.email())) {
        if (AttributeLimits.emailTooLong(user.email())) {
          refused.add(new RefusedUser(user.email(), "update", emailTooLong(user.email())));
        } else {
          changes.add(new AttributeChange(Attribute.EMAIL, knowbe4.email(), user.email()));
        }
      }
      diff(
          changes,
          Attribute.GIVEN_NAME,
          knowbe4.givenName(),
          fitted(user, "first_name", user.givenName()));
      diff(
          changes,
          Attribute.FAMILY_NAME,
          knowbe4.familyName(),
          fitted(user, "last_name", user.surname()));
      diff(
          changes,
          Attribute.DEPARTMENT,
          knowbe4.department(),
          fitted(user, "department", user.department()));
      diff(changes, Attribute.TITLE, knowbe4.title(), fitted(user, "job_title", user.jobTitle()));
      return changes;
    }

    /**
     * The value as KnowBe4 can hold it: cut to {@link AttributeLimits#MAX_ATTRIBUTE_LENGTH}
     * characters, with a warning naming the user and the field. The cut value is what is sent and
     * what is compared, so the next run finds nothing to write.
     */
    private String fitted(DirectoryUser user, String field, String value) {
      if (!AttributeLimits.tooLong(value)) {
        return value;
      }
      warnings.add(
          user.email()
              + ": "
              + field
              + " is "
              + AttributeLimits.length(value)
              + " characters, longer than KnowBe4's "
              + AttributeLimits.MAX_ATTRIBUTE_LENGTH
              + ": sent cut to its first "
              + AttributeLimits.MAX_ATTRIBUTE_LENGTH);
      return AttributeLimits.fit(value);
    }

    private static String emailTooLong(String email) {
      return "the email address is "
          + AttributeLimits.length(email)
          + " characters, longer than the "
          + AttributeLimits.MAX_EMAIL_LENGTH
          + " an address may have: nothing is written for this user (an address is never cut)";
    }

    /**
     * Microsoft 365 is authoritative: a null value there clears the KnowBe4 value. Values that
     * differ only in their Unicode form are the same value: no write for the form alone.
     */
    private static void diff(
        List<AttributeChange> changes, Attribute attribute, String current, String wanted) {
      if (!AttributeLimits.same(blankToNull(current), blankToNull(wanted))) {
        changes.add(new AttributeChange(attribute, blankToNull(current), blankToNull(wanted)));
      }
    }

    private List<DirectoryUser> holdForSeats(
        List<DirectoryUser> unmatched,
        int active,
        List<PlannedRestore> restores,
        List<HeldCreate> held) {
      if (training.seats().isEmpty()) {
        return unmatched;
      }
      int seats = training.seats().getAsInt();
      int available = Math.max(0, seats - active - restores.size());
      if (unmatched.size() <= available) {
        return unmatched;
      }
      String reason =
          "the KnowBe4 account has "
              + seats
              + " seats and "
              + (active + restores.size())
              + " active users";
      List<DirectoryUser> kept = unmatched.subList(0, available);
      unmatched
          .subList(available, unmatched.size())
          .forEach(u -> held.add(new HeldCreate(u.email(), reason)));
      warnings.add(
          held.size()
              + " creates held for lack of seats: "
              + reason
              + "; "
              + unmatched.size()
              + " users need an account");
      return List.copyOf(kept);
    }

    /**
     * Manager changes of existing users; the managers of users to be created go into {@code
     * managerOfNewUser} (by Microsoft 365 id) and travel with their creates.
     */
    private List<PlannedManager> managerChanges(
        List<DirectoryUser> inScope,
        Matching matching,
        Map<String, UserRef> refByM365Id,
        Map<String, UserRef> managerOfNewUser) {
      List<PlannedManager> managers = new ArrayList<>();
      for (DirectoryUser user : inScope) {
        UserRef self = refByM365Id.get(user.id());
        if (self == null) {
          continue; // conflicted or held: nothing is written for this user
        }
        boolean created = self instanceof UserRef.Created;
        TrainingUser knowbe4 =
            created ? null : knowbe4ById.get(((UserRef.Existing) self).knowbe4Id());
        String currentId = knowbe4 == null ? null : knowbe4.managerId();
        DirectoryUser manager = user.managerId() == null ? null : m365ById.get(user.managerId());
        UserRef wanted = null;
        String wantedEmail = null;
        if (manager != null && scope.includes(manager)) {
          wanted = refByM365Id.get(manager.id());
          if (wanted == null) {
            if (matching.conflictedM365Ids().contains(manager.id())) {
              warnings.add(
                  "manager of " + user.email() + " is in a conflict: the manager is left as it is");
            }
            continue; // the manager has no KnowBe4 user this run (conflict, or create held)
          }
          wantedEmail = manager.email();
        }
        if (created) {
          if (wanted != null) {
            managerOfNewUser.put(user.id(), wanted);
          }
          continue;
        }
        boolean same =
            wanted == null
                ? currentId == null
                : wanted instanceof UserRef.Existing e && e.knowbe4Id().equals(currentId);
        if (!same) {
          TrainingUser current = currentId == null ? null : knowbe4ById.get(currentId);
          managers.add(
              new PlannedManager(
                  self,
                  user.email(),
                  wanted,
                  current == null ? currentId : current.email(),
                  wantedEmail));
        }
      }
      managers.sort(
          Comparator.comparing((PlannedManager m) -> lower(m.email()))
              .thenComparing(PlannedManager::key));
      return managers;
    }

    private GroupPlanner.GroupPlan planGroups(
        List<DirectoryUser> inScope, Matching matching, List<PlannedCreate> creates) {
      if (!options.syncGroups()) {
        return new GroupPlanner.GroupPlan(
            List.of(), List.of(), List.of(), state.managedGroups(), 0, List.of());
      }
      Map<String, Set<String>> groupsOfUser = new HashMap<>();
      for (TrainingGroup group : training.groups()) {
        for (String member : group.memberIds()) {
          groupsOfUser.computeIfAbsent(member, k -> new HashSet<>(2)).add(group.id());
        }
      }
      List<GroupPlanner.Member> members = new ArrayList<>();
      for (DirectoryUser user : inScope) {
        TrainingUser knowbe4 = matching.matches().get(user.id());
        if (knowbe4 != null) {
          members.add(
              new GroupPlanner.Member(
                  new UserRef.Existing(knowbe4.id()),
                  user.email(),
                  user.department(),
                  groupsOfUser.getOrDefault(knowbe4.id(), Set.of())));
        }
      }
      for (PlannedCreate create : creates) {
        members.add(
            new GroupPlanner.Member(
                create.ref(), create.user().email(), create.user().department(), Set.of()));
      }
      return groups.plan(training.groups(), state.managedGroups(), members);
    }

    private List<String> sortedWarnings(List<String> more) {
      List<String> all = new ArrayList<>(warnings);
      String unapplied = writes.warning(held, resent);
      if (unapplied != null) {
        all.add(unapplied);
      }
      all.addAll(more);
      return all.stream().distinct().sorted().toList();
    }
  }

  static Link newer(Link a, Link b) {
    if (a.lastSeenInScope() == null) {
      return b;
    }
    if (b.lastSeenInScope() == null) {
      return a;
    }
    return a.lastSeenInScope().isAfter(b.lastSeenInScope()) ? a : b;
  }

  static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
