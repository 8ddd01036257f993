package io.kb4sync.server.web;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request really came from: the peer's address, or what a trusted proxy says in {@code
 * X-Forwarded-For}, {@code -Proto} and {@code -Host} (believed only from {@code
 * server.trusted_proxies}).
 *
 * @param address the client's address (for rate limits and the audit log)
 * @param scheme {@code http} or {@code https} as the browser used it
 * @param host the host (and port) the browser asked for
 */
record ClientRequest(String address, String scheme, String host) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
  private static final Pattern IPV6_PORT =
      Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})\\](?::\\d{1,5})?");

  static ClientRequest of(Context ctx, ProxyAddresses proxies) {
    String peer = ctx.req().getRemoteAddr();
    String scheme = ctx.req().isSecure() ? "https" : "http";
    String host = ctx.header("Host");
    if (!proxies.contains(peer)) {
      return new ClientRequest(peer, scheme, host);
    }
    String address = peer;
    String forwardedFor = ctx.header("X-Forwarded-For");
    if (forwardedFor != null) {
      // The rightmost address that is not one of our proxies: what the first of them saw.
      String[] hops = forwardedFor.split(",");
      // A hop that is no address ends the walk: what lies left of it was written by the client.
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = literal(hops[i].trim());
        if (hop == null) {
          break;
        }
        address = hop;
        if (!proxies.contains(hop)) {
          break;
        }
      }
    }
    String proto = first(ctx.header("X-Forwarded-Proto"));
    if (proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
      scheme = proto.toLowerCase(Locale.ROOT);
    }
    String forwardedHost = first(ctx.header("X-Forwarded-Host"));
    if (forwardedHost != null && !forwardedHost.isEmpty()) {
      host = forwardedHost;
    }
    return new ClientRequest(address, scheme, host);
  }

  /** {@code scheme://host}, lower-cased, as a browser's {@code Origin} header names it. */
  String origin() {
    if (host == null) {
      return null;
    }
    try {
      return origin(new URI(scheme + "://" + host));
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The origin of a URL, without default ports; null when it has none. */
  static String origin(URI url) {
    if (url == null || url.getScheme() == null || url.getHost() == null) {
      return null;
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    return scheme
        + "://"
        + url.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  /**
   * An {@code X-Forwarded-For} hop as an address literal — without the port some proxies add
   * ({@code 203.0.113.7:51234}, {@code [2001:db8::1]:51234}) — or null when it is none (a name is
   * never taken, so nothing is ever looked up).
   */
  static String literal(String hop) {
    if (IPV4.matcher(hop).matches()) {
      return hop;
    }
    Matcher v4 = IPV4_PORT.matcher(hop);
    if (v4.matches()) {
      return v4.group(1);
    }
    Matcher v6 = IPV6_PORT.matcher(hop);
    if (v6.matches()) {
      return v6.group(1).indexOf(':') >= 0 ? v6.group(1) : null;
    }
    return IPV6.matcher(hop).matches() && hop.indexOf(':') >= 0 ? hop : null;
  }

  private static String first(String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).trim();
  }
}
