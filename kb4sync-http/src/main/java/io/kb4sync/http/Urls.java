package io.kb4sync.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one endpoint rule of kb4sync: https, or plain http only for a {@link Loopback} host (tests,
 * simulators). Every configured URL passes {@link #checked(URI, String)}: configuration, Graph,
 * KnowBe4, notifications and PSAs. Messages name the configuration key but never the URL itself:
 * webhook URLs carry their secret in the path or query.
 */
public final class Urls {
  private Urls() {}

  /**
   * The rule: an absolute {@code https} URL with a host, or {@code http} to a loopback host.
   *
   * @param key the configuration key, named in the one-line error
   * @return {@code url} itself
   * @throws IllegalArgumentException naming {@code key}, never the URL
   */
  public static URI checked(URI url, String key) {
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(key + ": missing (a URL is required)");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(key + ": not an http(s) URL with a host");
    }
    if (scheme.equals("http") && !Loopback.isLoopbackHost(url.getHost())) {
      throw new IllegalArgumentException(
          key + ": must use https (plain http is accepted only for loopback hosts)");
    }
    return url;
  }

  /**
   * Parses an endpoint URL (trimmed) and checks it by {@link #checked(URI, String)}.
   *
   * @throws IllegalArgumentException naming {@code key}, never the URL
   */
  public static URI endpoint(String url, String key) {
    return checked(parse(url, key), key);
  }

  /**
   * A {@link #checked} URL to append paths starting with a slash to: no query or fragment, no
   * trailing slash.
   *
   * @throws IllegalArgumentException naming {@code key}, never the URL
   */
  public static URI checkedBase(URI url, String key) {
    checked(url, key);
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(key + ": must not carry a query or a fragment");
    }
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  /**
   * Parses a {@link #checkedBase} URL (trimmed).
   *
   * @throws IllegalArgumentException naming {@code key}, never the URL
   */
  public static URI base(String url, String key) {
    return checkedBase(parse(url, key), key);
  }

  /** {@code host[:port]}: what a message may say about an endpoint. */
  public static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** Joins a base URL (with or without a trailing slash) and a path starting with a slash. */
  public static URI join(String base, String path) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(b + path);
  }

  private static URI parse(String url, String key) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(key + ": missing (a URL is required)");
    }
    try {
      return new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + ": not a valid URL");
    }
  }
}
