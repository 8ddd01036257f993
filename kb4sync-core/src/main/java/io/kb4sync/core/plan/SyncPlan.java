package io.kb4sync.core.plan;

import io.kb4sync.core.state.PendingWrite;
import java.util.List;
import java.util.Set;

/**
 * Everything one sync will do, decided before anything is written. Lists are sorted (by email, then
 * by key), so the same inputs always give the same plan.
 *
 * @param m365UsersFound in-scope Microsoft 365 users
 * @param knowbe4UsersFound active KnowBe4 users before the run, in all domains
 * @param usersMatched in-scope Microsoft 365 users matched to a KnowBe4 user that was active
 * @param groupsToCreate managed groups missing in KnowBe4
 * @param managedGroups managed group names after the run (stored for the next run)
 * @param groupsSynced managed groups reconciled
 * @param staleNotArchived stale users left alone because remove_stale_users is false
 * @param heldWrites writes of earlier runs not yet visible in KnowBe4 and not sent again by this
 *     plan (see {@link WriteCheck}); remembered as they are
 * @param resentWrites writes of earlier runs not yet visible that this plan sends again
 * @param recheckedCreates Microsoft 365 ids whose create is sent again: looked up by userName first
 * @param unappliedWrites how many writes of earlier runs are not visible (the run ends partial)
 * @param refused writes refused for a user (an over-long email): errors of the report
 */
public record SyncPlan(
    int m365UsersFound,
    int knowbe4UsersFound,
    int usersMatched,
    List<PlannedCreate> creates,
    List<HeldCreate> heldCreates,
    List<PlannedRestore> restores,
    List<PlannedUpdate> updates,
    List<PlannedManager> managers,
    List<PlannedArchive> archives,
    List<StagedArchive> stagedArchives,
    List<String> groupsToCreate,
    List<MembershipChange> groupAdditions,
    List<MembershipChange> groupRemovals,
    Set<String> managedGroups,
    int groupsSynced,
    List<Conflict> conflicts,
    List<String> warnings,
    List<PlannedLink> links,
    List<PlannedArchive> staleNotArchived,
    StaleAction staleAction,
    List<PendingWrite> heldWrites,
    List<PendingWrite> resentWrites,
    Set<String> recheckedCreates,
    int unappliedWrites,
    List<RefusedUser> refused) {

  public SyncPlan {
    creates = List.copyOf(creates);
    heldCreates = List.copyOf(heldCreates);
    restores = List.copyOf(restores);
    updates = List.copyOf(updates);
    managers = List.copyOf(managers);
    archives = List.copyOf(archives);
    stagedArchives = List.copyOf(stagedArchives);
    groupsToCreate = List.copyOf(groupsToCreate);
    groupAdditions = List.copyOf(groupAdditions);
    groupRemovals = List.copyOf(groupRemovals);
    managedGroups = Set.copyOf(managedGroups);
    conflicts = List.copyOf(conflicts);
    warnings = List.copyOf(warnings);
    links = List.copyOf(links);
    staleNotArchived = List.copyOf(staleNotArchived);
    heldWrites = List.copyOf(heldWrites);
    resentWrites = List.copyOf(resentWrites);
    recheckedCreates = Set.copyOf(recheckedCreates);
    refused = List.copyOf(refused);
  }

  /** True when the plan writes nothing. */
  public boolean isEmpty() {
    return creates.isEmpty()
        && restores.isEmpty()
        && updates.isEmpty()
        && managers.isEmpty()
        && archives.isEmpty()
        && groupsToCreate.isEmpty()
        && groupAdditions.isEmpty()
        && groupRemovals.isEmpty();
  }
}
