package io.kb4sync.core.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API token of service mode as the state store keeps it: its name, its role and the SHA-256 of
 * the token — never the token itself, which is shown once when it is made.
 *
 * @param name unique; what logs and run triggers ({@code api:<name>}) show: 1 to 64 letters,
 *     digits, {@code .}, {@code _} or {@code -}, starting with a letter or a digit
 * @param role {@code viewer}, {@code operator} or {@code admin}
 * @param hash the SHA-256 of the token's UTF-8 bytes, 64 lowercase hex digits
 * @param created when it was made
 * @param expires when it stops working; null for never
 * @param lastUsed when it last authenticated a request; null until then
 */
public record TokenRecord(
    String name, String role, String hash, Instant created, Instant expires, Instant lastUsed) {

  /** The roles a token may have, weakest first. */
  public static final List<String> ROLES = List.of("viewer", "operator", "admin");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public TokenRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(created, "created");
    if (!validName(name)) {
      throw new IllegalArgumentException(
          "a token name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a"
              + " digit: "
              + name);
    }
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("a token's role is viewer, operator or admin: " + role);
    }
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("a token's hash is 64 lowercase hex digits");
    }
  }

  /** Whether {@code name} may name a token. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Whether it has stopped working at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  /** The same token, last used at {@code at}. */
  public TokenRecord usedAt(Instant at) {
    return new TokenRecord(name, role, hash, created, expires, at);
  }

  /** Without the hash: it never reaches a log. */
  @Override
  public String toString() {
    return "TokenRecord[name="
        + name
        + ", role="
        + role
        + ", created="
        + created
        + ", expires="
        + expires
        + ", lastUsed="
        + lastUsed
        + "]";
  }
}
