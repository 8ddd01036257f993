package io.kb4sync.core.training;

import java.util.List;

/**
 * The KnowBe4 account of one company. Implemented by the KnowBe4 adapter (SCIM writes; SCIM or
 * Reporting API reads).
 *
 * <p>Every method either succeeds or throws {@link io.kb4sync.core.remote.RemoteException}.
 * Retries, rate limits and duplicate protection (a create that timed out is looked up before it is
 * retried) live behind this interface. Implementations must be safe for concurrent calls.
 */
public interface TrainingPlatform {

  /** Reads all users (active and archived) and all groups with their members. */
  TrainingSnapshot read();

  /** Creates an active user and returns it with its id. */
  TrainingUser create(NewUser user);

  /**
   * Creates a user again whose earlier create was accepted but is not visible: only when a lookup
   * by its address finds no user, so that a create that was merely slow to apply never becomes a
   * second user. Returns the user found, or the one created.
   */
  default TrainingUser createUnlessPresent(NewUser user) {
    return create(user);
  }

  /** Sets the given attributes; a change whose {@code to} is null clears the attribute. */
  void update(String userId, List<AttributeChange> changes);

  /** Restores ({@code true}) or archives ({@code false}) a user; history is kept either way. */
  void setActive(String userId, boolean active);

  /** Deletes a user. Only used when a company opts in with {@code knowbe4_stale_action: delete}. */
  void delete(String userId);

  /** Creates an empty group and returns it with its id. */
  TrainingGroup createGroup(String displayName);

  /** Adds users to a group. */
  void addMembers(String groupId, List<String> userIds);

  /** Removes users from a group. */
  void removeMembers(String groupId, List<String> userIds);
}
