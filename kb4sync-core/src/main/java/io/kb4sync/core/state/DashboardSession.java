package io.kb4sync.core.state;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed-in dashboard session as the state store keeps it: the SHA-256 of its id, never the id.
 *
 * @param hash the SHA-256 of the session id's UTF-8 bytes, 64 lowercase hex digits
 * @param name the account's name
 * @param role the account's role when it signed in
 * @param lastSeen when it last served a request (written at most about once a minute)
 */
public record DashboardSession(
    String hash, String name, String role, Instant created, Instant lastSeen) {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public DashboardSession {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("a session's hash is 64 lowercase hex digits");
    }
    if (!DashboardAccount.ROLES.contains(role)) {
      throw new IllegalArgumentException("a session's role is viewer, operator or admin: " + role);
    }
  }

  /** The same session, seen at {@code at}. */
  public DashboardSession seenAt(Instant at) {
    return new DashboardSession(hash, name, role, created, at);
  }

  /** Without the hash. */
  @Override
  public String toString() {
    return "DashboardSession[name="
        + name
        + ", role="
        + role
        + ", created="
        + created
        + ", lastSeen="
        + lastSeen
        + "]";
  }
}
