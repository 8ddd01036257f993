package io.kb4sync.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What a client-credentials token is good for, as {@link TokenCache} keys it: the authority that
 * issued it (the cloud's login host, or a PSA's auth URL), the tenant, the client, the scope, and a
 * digest of the credential it was asked with (so a wrong secret is never answered with a token
 * another, right one obtained). The credential itself is never kept.
 */
public record TokenKey(
    String authority, String tenant, String clientId, String scope, String credential) {

  public TokenKey {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(credential, "credential");
  }

  /**
   * @param authority a URL; compared without letter case and trailing slashes
   * @param credential the secret, or what identifies another credential (a certificate's path);
   *     only a digest of it is kept
   */
  public static TokenKey of(
      String authority, String tenant, String clientId, String scope, String credential) {
    String base = authority.trim().toLowerCase(Locale.ROOT);
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new TokenKey(
        base, tenant.trim().toLowerCase(Locale.ROOT), clientId.trim(), scope, digest(credential));
  }

  private static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
