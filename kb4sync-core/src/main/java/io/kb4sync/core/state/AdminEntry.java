package io.kb4sync.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log of admin actions as the state store keeps it (the dashboard's {@code
 * AdminAction}). Never a secret.
 *
 * @param actor e.g. {@code ui:alice} or {@code api:ops}
 * @param action e.g. {@code sign_in}, {@code approve_held}
 * @param companyId null when no company is concerned
 * @param detail null or free text
 */
public record AdminEntry(Instant at, String actor, String action, String companyId, String detail) {
  public AdminEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
  }
}
