package io.kb4sync.server.web;

import io.kb4sync.server.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A dashboard account as the admin pages and {@code kb4sync user list} show it: never its password
 * or hash.
 *
 * @param name the sign-in name; run triggers show it as {@code ui:<name>}
 * @param source {@code local} (a password kept here) or {@code entra} (signed in with Microsoft
 *     Entra ID; kept to show who has signed in)
 * @param lastSignIn null until the first sign-in
 */
public record Person(
    String name, Role role, String source, boolean disabled, Instant created, Instant lastSignIn) {
  public Person {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(created, "created");
  }
}
