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
 * @param interruption why the execution stopped before the end of the plan (a lost lock, a stop
 *     signal, an unexpected failure), or null when it ran to the end
 */
public record ExecutionResult(
    Set<String> succeeded,
    Map<String, String> createdIds,
    List<OperationError> errors,
    String interruption) {

  public ExecutionResult {
    succeeded = Set.copyOf(succeeded);
    createdIds = Map.copyOf(createdIds);
    errors = List.copyOf(errors);
  }

  /** A dry run: every planned operation counts as planned, none was written. */
  public static ExecutionResult planned(SyncPlan plan) {
    return new ExecutionResult(Operations.keys(plan), Map.of(), List.of(), null);
  }

  /** The same result, stopped (also) for {@code reason}; a reason already given is not repeated. */
  public ExecutionResult interruptedBecause(String reason) {
    if (interruption != null && interruption.contains(reason)) {
      return this;
    }
    return new ExecutionResult(
        succeeded,
        createdIds,
        errors,
        interruption == null ? reason : interruption + "; " + reason);
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
