package io.kb4sync.notify;

import io.kb4sync.http.Loopback;
import java.util.Locale;

/**
 * {@code notifications.email.smtp}: an SMTP relay.
 *
 * @param host required
 * @param port 0 for the default of the security mode (none 25, starttls 587, tls 465)
 * @param security null for {@link Security#STARTTLS}
 * @param username null for no SMTP AUTH
 * @param password required with a username; a secret (use {@code ${env:...}})
 * @param from the sender address, required
 */
public record SmtpSettings(
    String host, int port, Security security, String username, String password, String from) {

  /** How the connection is protected. */
  public enum Security {
    /**
     * Plain SMTP. Only for a relay on a trusted network, without AUTH: a username with it is
     * refused unless the relay is on loopback (the password would cross the network in clear).
     */
    NONE,
    /** Plain connection upgraded with STARTTLS before AUTH; required, never optional. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    TLS;

    /** {@code none}, {@code starttls} or {@code tls}, case-insensitive. */
    public static Security fromConfig(String value) {
      for (Security security : values()) {
        if (security.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
          return security;
        }
      }
      throw new IllegalArgumentException(
          "unknown SMTP security '" + value + "': use none, starttls or tls");
    }
  }

  public Security effectiveSecurity() {
    return security == null ? Security.STARTTLS : security;
  }

  public int effectivePort() {
    if (port > 0) {
      return port;
    }
    switch (effectiveSecurity()) {
      case NONE:
        return 25;
      case TLS:
        return 465;
      case STARTTLS:
      default:
        return 587;
    }
  }

  /** Checks the settings; messages name the key under {@code prefix}, never a secret. */
  public void validate(String prefix) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(prefix + ".host: missing");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(prefix + ".port: must be between 1 and 65535");
    }
    if (from == null || !from.contains("@")) {
      throw new IllegalArgumentException(prefix + ".from: missing or not an email address");
    }
    if (username != null && !username.isBlank() && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException(prefix + ".password: missing (username is set)");
    }
    if (effectiveSecurity() == Security.NONE
        && username != null
        && !username.isBlank()
        && !Loopback.isLoopbackHost(host.trim())) {
      throw new IllegalArgumentException(
          prefix
              + ".security: none with a username would send the password in clear to "
              + host.trim()
              + "; use starttls or tls (none with AUTH is accepted for a loopback relay only)");
    }
  }

  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + effectivePort()
        + ", security="
        + effectiveSecurity().name().toLowerCase(Locale.ROOT)
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "***")
        + ", from="
        + from
        + "]";
  }
}
