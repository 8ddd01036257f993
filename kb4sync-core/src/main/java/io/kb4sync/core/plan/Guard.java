package io.kb4sync.core.plan;

import java.util.Locale;

/** The safety guard that held archives back. Only the threshold guard yields to consent. */
public enum Guard {
  /** The Microsoft 365 read was incomplete: nothing may be archived on a partial read. */
  INCOMPLETE_READ,
  /** Microsoft 365 returned no in-scope users: an empty directory archives nobody. */
  NO_USERS_IN_SCOPE,
  /** More archives than max(count, percent of active KnowBe4 users): a person must consent. */
  THRESHOLD;

  /** The report's name: {@code incomplete_read}, {@code no_users_in_scope}, {@code threshold}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the guard a person's consent lifts ({@code --allow-mass-archive=N}, approvals). */
  public boolean yieldsToConsent() {
    return this == THRESHOLD;
  }

  @Override
  public String toString() {
    return id();
  }
}
