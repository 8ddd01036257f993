package io.kb4sync.core.execute;

import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.plan.UserRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happened when a plan was applied.
 *
 * @param succeeded the keys of the operations that succeeded
 * @param createdIds Microsoft 365 object id -> KnowBe4 id of each user created
 * @param errors failed operations, sorted
 */
public record ExecutionResult(
    Set<String> succeeded, Map<String, String> createdIds, List<OperationError> errors) {

  public ExecutionResult {
    succeeded = Set.copyOf(succeeded);
    createdIds = Map.copyOf(createdIds);
    errors = List.copyOf(errors);
  }

  /** A dry run: every planned operation counts as planned, none was written. */
  public static ExecutionResult planned(SyncPlan plan) {
    return new ExecutionResult(Operations.keys(plan), Map.of(), List.of());
  }

  public boolean ok(String key) {
    return succeeded.contains(key);
  }

  /** The KnowBe4 id of a reference, or null when it does not exist (create failed or dry run). */
  public String resolve(UserRef ref) {
    if (ref instanceof UserRef.Existing existing) {
      return existing.knowbe4Id();
    }
    return createdIds.get(((UserRef.Created) ref).m365Id());
  }
}
