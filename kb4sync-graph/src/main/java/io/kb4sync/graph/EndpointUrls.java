package io.kb4sync.graph;

import io.kb4sync.http.Loopback;
import java.net.URI;
import java.util.Locale;

/** Checks of configured endpoint URLs: https everywhere, plain http only on loopback. */
final class EndpointUrls {
  private EndpointUrls() {}

  /**
   * Returns the URL without a trailing slash.
   *
   * @param key the configuration key, named in the one-line error
   * @throws IllegalArgumentException when the URL is not https, or http on a non-loopback host
   */
  static URI requireSecureOrLoopback(URI url, String key) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(key + ": '" + url + "' has no host");
    }
    if (scheme.equals("http")) {
      if (!Loopback.isLoopbackHost(host)) {
        throw new IllegalArgumentException(
            key
                + ": plain http is accepted only for loopback hosts (localhost, 127.0.0.1, ::1);"
                + " use https://"
                + host);
      }
    } else if (!scheme.equals("https")) {
      throw new IllegalArgumentException(key + ": '" + url + "' must start with https://");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(key + ": '" + url + "' must not carry a query");
    }
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  static boolean isHttp(URI url) {
    return "http".equalsIgnoreCase(url.getScheme());
  }
}
