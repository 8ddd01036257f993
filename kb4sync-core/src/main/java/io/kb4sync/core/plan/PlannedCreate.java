package io.kb4sync.core.plan;

import io.kb4sync.core.training.NewUser;
import java.util.List;

/**
 * A KnowBe4 user to create for an in-scope Microsoft 365 user with no match.
 *
 * @param groups every group the user will belong to (empty when groups are not synced)
 * @param primaryGroup the mapped department group, else the default group, else null
 * @param manager the user's manager, set in the create itself (a manager created by the same run is
 *     created first); null for none
 */
public record PlannedCreate(
    String m365Id, NewUser user, List<String> groups, String primaryGroup, UserRef manager) {
  public PlannedCreate {
    groups = List.copyOf(groups);
  }

  public String key() {
    return "create:" + m365Id;
  }

  public PlannedCreate withManager(UserRef value) {
    return new PlannedCreate(m365Id, user, groups, primaryGroup, value);
  }

  public UserRef ref() {
    return new UserRef.Created(m365Id);
  }
}
