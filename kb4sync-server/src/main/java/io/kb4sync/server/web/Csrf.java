package io.kb4sync.server.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * Cross-site request forgery checks for the dashboard's state-changing requests: the session's
 * token in the form field {@value #FIELD} or the header {@value #HEADER}, compared in constant
 * time; and the {@code Origin} (or else {@code Referer}) naming one of our own origins.
 */
final class Csrf {

  static final String FIELD = "csrf";
  static final String HEADER = "X-CSRF-Token";

  private static final List<String> SAFE = List.of("GET", "HEAD", "OPTIONS");

  private Csrf() {}

  static boolean changesState(Context ctx) {
    return !SAFE.contains(ctx.method().name().toUpperCase(Locale.ROOT));
  }

  /** Whether the request carries the session's token. */
  static boolean tokenMatches(Context ctx, Session session) {
    String sent = ctx.header(HEADER);
    if (sent == null && ctx.isFormUrlencoded()) {
      sent = ctx.formParam(FIELD);
    }
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the browser says the request comes from a page of ours: its {@code Origin}, or else the
   * origin of its {@code Referer}, is {@code server.public_url}'s or the request's own. A request
   * that names neither is refused.
   */
  static boolean sameOrigin(Context ctx, List<String> ownOrigins) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      String referer = ctx.header("Referer");
      if (referer == null) {
        return false;
      }
      try {
        origin = ClientRequest.origin(java.net.URI.create(referer));
      } catch (IllegalArgumentException e) {
        return false;
      }
    } else {
      try {
        origin = ClientRequest.origin(java.net.URI.create(origin.trim()));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return origin != null && ownOrigins.contains(origin);
  }
}
