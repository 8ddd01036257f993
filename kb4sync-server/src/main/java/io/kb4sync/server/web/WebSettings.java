package io.kb4sync.server.web;

import java.net.URI;
import java.util.List;

/**
 * What the dashboard's sign-in takes from the {@code server} section.
 *
 * @param publicUrl {@code server.public_url}: the URL people reach the service at, or null; an
 *     {@code https} one makes every cookie {@code Secure}
 * @param trustedProxies {@code server.trusted_proxies}: addresses (or CIDR ranges) whose {@code
 *     X-Forwarded-For}, {@code -Proto} and {@code -Host} are believed
 * @param entra {@code server.oidc}, or null when Entra ID sign-in is off
 */
public record WebSettings(URI publicUrl, List<String> trustedProxies, EntraSettings entra) {
  public WebSettings {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  /**
   * Checks {@code server.trusted_proxies}: IP addresses or CIDR ranges only.
   *
   * @throws IllegalArgumentException in one line naming the first bad entry
   */
  public static void checkTrustedProxies(List<String> entries) {
    ProxyAddresses.parse(entries);
  }

  public static WebSettings none() {
    return new WebSettings(null, List.of(), null);
  }
}
