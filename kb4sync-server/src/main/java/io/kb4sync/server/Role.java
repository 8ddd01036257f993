package io.kb4sync.server;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do; each role may do what the ones before it may. */
public enum Role {
  /** Reads companies, runs, readiness and metrics. */
  VIEWER,
  /** Also pauses companies, starts and cancels runs. */
  OPERATOR,
  /** Also approves held archives and reloads the configuration. */
  ADMIN;

  public boolean atLeast(Role other) {
    return ordinal() >= other.ordinal();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromId(String id) {
    for (Role role : values()) {
      if (role.id().equals(id)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
