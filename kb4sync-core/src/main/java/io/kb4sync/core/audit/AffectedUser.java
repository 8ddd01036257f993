package io.kb4sync.core.audit;

import java.util.Objects;

/**
 * One user a finding concerns.
 *
 * @param email the user's email: the Microsoft 365 email (mail, else userPrincipalName) for a
 *     Microsoft 365 user, the KnowBe4 userName for a KnowBe4 user
 * @param detail what is particular to this user, for people (e.g. {@code No longer licensed}), or
 *     null
 * @param knowbe4Value the value KnowBe4 holds, where the finding compares values, else null
 * @param m365Value the value Microsoft 365 holds (the one a sync writes), where the finding
 *     compares values, else null
 * @param lastM365Sync when a sync last saw the user in scope (ISO-8601 UTC), for stale users; null
 *     when never seen or not applicable
 */
public record AffectedUser(
    String email, String detail, String knowbe4Value, String m365Value, String lastM365Sync) {
  public AffectedUser {
    Objects.requireNonNull(email, "email");
  }

  /** A user with nothing particular to say. */
  public static AffectedUser of(String email) {
    return new AffectedUser(email, null, null, null, null);
  }

  /** A user with a detail for people. */
  public static AffectedUser of(String email, String detail) {
    return new AffectedUser(email, detail, null, null, null);
  }
}
