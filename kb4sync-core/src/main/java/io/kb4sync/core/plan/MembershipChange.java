package io.kb4sync.core.plan;

import java.util.Locale;

/**
 * One user added to or removed from one managed group.
 *
 * @param groupId the group's KnowBe4 id, or null when this run creates the group
 */
public record MembershipChange(String group, String groupId, UserRef user, String email) {
  public String key(String verb) {
    return verb + ":" + group.toLowerCase(Locale.ROOT) + ":" + user.key();
  }
}
