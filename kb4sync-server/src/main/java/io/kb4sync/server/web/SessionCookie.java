package io.kb4sync.server.web;

import io.javalin.http.Context;

/**
 * The cookie that carries a session id: {@code HttpOnly} (no script reads it), {@code SameSite=Lax}
 * (not sent on cross-site subrequests or posts, yet sent when Entra ID redirects the browser back),
 * {@code Path=/}, and {@code Secure} whenever the browser reached us over HTTPS. No {@code
 * Max-Age}: it ends with the browser, and the server ends the session sooner.
 */
final class SessionCookie {

  static final String NAME = "kb4sync_session";

  private SessionCookie() {}

  /** The session id the request carries, or null. */
  static String read(Context ctx) {
    return ctx.cookie(NAME);
  }

  static void set(Context ctx, String sessionId, boolean secure) {
    ctx.res().addHeader("Set-Cookie", header(NAME, sessionId, secure, -1));
  }

  static void clear(Context ctx, boolean secure) {
    ctx.res().addHeader("Set-Cookie", header(NAME, "", secure, 0));
  }

  /** A {@code Set-Cookie} value; {@code maxAge} below 0: none. */
  static String header(String name, String value, boolean secure, long maxAge) {
    return name
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Lax"
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
        + (secure ? "; Secure" : "");
  }
}
