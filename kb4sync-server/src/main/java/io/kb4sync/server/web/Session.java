package io.kb4sync.server.web;

import io.kb4sync.server.Caller;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in person's session.
 *
 * @param id the secret that the session cookie carries (the store keeps only its hash); never
 *     logged
 * @param csrfToken the token every state-changing request of this session must carry
 */
public record Session(
    String id, Caller caller, String csrfToken, Instant created, Instant lastSeen) {
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }

  /** Without the secrets: it never reaches a log. */
  @Override
  public String toString() {
    return "Session[caller=" + caller + ", created=" + created + ", lastSeen=" + lastSeen + "]";
  }
}
