package io.kb4sync.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Endpoint checks. Messages name the configuration key but never the URL itself: webhook URLs carry
 * their secret in the path or query.
 */
public final class Urls {
  private Urls() {}

  /**
   * Parses an endpoint URL: https, or http for loopback hosts only (tests, simulators; {@link
   * Loopback}).
   *
   * @throws IllegalArgumentException naming {@code key}, never the URL
   */
  public static URI endpoint(String url, String key) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(key + ": missing (a URL is required)");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + ": not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(key + ": not an http(s) URL with a host");
    }
    if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
      throw new IllegalArgumentException(
          key + ": must use https (plain http is accepted only for loopback hosts)");
    }
    return uri;
  }

  /**
   * An {@link #endpoint} without its trailing slash: a base to append paths starting with a slash
   * to.
   *
   * @throws IllegalArgumentException naming {@code key}, never the URL
   */
  public static URI base(String url, String key) {
    String text = endpoint(url, key).toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
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
}
