package io.kb4sync.core.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dashboard account as the state store keeps it (docs/security.md): a local one with the Argon2id
 * hash of its password in PHC string form, or one recorded when a person signed in with Microsoft
 * Entra ID (no hash). Never the password.
 *
 * @param name unique: 1 to 128 letters, digits, {@code .}, {@code _}, {@code -}, {@code @} or
 *     {@code +}, starting with a letter or a digit (an Entra ID account's name is its user
 *     principal name)
 * @param role {@code viewer}, {@code operator} or {@code admin}
 * @param source {@link #LOCAL} or {@link #ENTRA}
 * @param phcHash the password's hash ({@code $argon2id$v=19$...}) of a local account; null for an
 *     Entra ID one
 * @param lastSignIn null until the first sign-in
 */
public record DashboardAccount(
    String name,
    String role,
    String source,
    String phcHash,
    boolean disabled,
    Instant created,
    Instant lastSignIn) {

  public static final String LOCAL = "local";
  public static final String ENTRA = "entra";

  /** The roles an account may have, weakest first. */
  public static final List<String> ROLES = TokenRecord.ROLES;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

  public DashboardAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(created, "created");
    if (!validName(name)) {
      throw new IllegalArgumentException(
          "a user name is 1 to 128 letters, digits, '.', '_', '-', '@' or '+', starting with a"
              + " letter or a digit: "
              + name);
    }
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("a user's role is viewer, operator or admin: " + role);
    }
    if (!source.equals(LOCAL) && !source.equals(ENTRA)) {
      throw new IllegalArgumentException("a user's source is local or entra: " + source);
    }
    if (source.equals(LOCAL) != (phcHash != null)) {
      throw new IllegalArgumentException(
          "a local user has a password hash and an Entra ID user none: " + name);
    }
  }

  /** Whether {@code name} may name an account. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** A new local account, enabled, never signed in. */
  public static DashboardAccount local(String name, String role, String phcHash, Instant created) {
    return new DashboardAccount(name, role, LOCAL, phcHash, false, created, null);
  }

  /** Without the hash: it never reaches a log. */
  @Override
  public String toString() {
    return "DashboardAccount[name="
        + name
        + ", role="
        + role
        + ", source="
        + source
        + ", disabled="
        + disabled
        + ", created="
        + created
        + ", lastSignIn="
        + lastSignIn
        + "]";
  }
}
