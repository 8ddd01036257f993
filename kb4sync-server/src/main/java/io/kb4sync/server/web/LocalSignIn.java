package io.kb4sync.server.web;

import io.javalin.http.Context;
import io.kb4sync.server.Caller;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Local sign-in for the pages: the session cookie, the CSRF check and the Origin check. Interim:
 * the sign-in of branch {@code dash-auth} ({@code WebSecurity}) replaces it when merged; the pages
 * only ask it for the current {@link Session} and to check a state-changing request.
 */
public final class LocalSignIn {
  /** The session cookie: HttpOnly, SameSite=Strict, Path=/. */
  public static final String COOKIE = "kb4sync_session";

  private final People people;
  private final Sessions sessions;
  private final AdminLog log;
  private final Clock clock;

  public LocalSignIn(People people, Sessions sessions, AdminLog log, Clock clock) {
    this.people = Objects.requireNonNull(people, "people");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The live session of the request, with the account's current role; empty when signed out. */
  public Optional<Session> current(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null || id.isBlank() || id.length() > 200) {
      return Optional.empty();
    }
    Optional<Session> found = sessions.find(id, clock.instant());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session session = found.get();
    Optional<Caller> active = people.active(session.caller().name());
    if (active.isEmpty()) {
      sessions.close(id);
      return Optional.empty();
    }
    return Optional.of(
        new Session(
            session.id(),
            active.get(),
            session.csrfToken(),
            session.created(),
            session.lastSeen()));
  }

  /**
   * Signs a person in with name and password; the session cookie is set on success.
   *
   * @return false for a wrong name or password (nothing says which)
   */
  public boolean signIn(Context ctx, String name, char[] password) {
    try {
      Optional<Caller> caller = people.checkPassword(name, password);
      if (caller.isEmpty()) {
        log.record(
            new AdminAction(
                clock.instant(), "ui:" + printable(name), "sign_in_refused", null, null));
        return false;
      }
      Session session = sessions.open(caller.get(), clock.instant());
      ctx.header(
          "Set-Cookie",
          COOKIE
              + "="
              + session.id()
              + "; Path=/; HttpOnly; SameSite=Strict"
              + (secure(ctx) ? "; Secure" : ""));
      log.record(new AdminAction(clock.instant(), caller.get().trigger(), "sign_in", null, null));
      return true;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Ends the request's session and clears the cookie. */
  public void signOut(Context ctx, Session session) {
    sessions.close(session.id());
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            + (secure(ctx) ? "; Secure" : ""));
  }

  /**
   * Refuses (403) a state-changing request that comes from another origin or lacks the session's
   * CSRF token (form field {@code csrf} or header {@code X-CSRF-Token}).
   */
  public void checkStateChange(Context ctx, Session session) {
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equals("null") && !sameOrigin(origin, ctx)) {
      throw new PageException(403, "This request came from another site and was refused.");
    }
    if (origin != null && origin.equals("null")) {
      throw new PageException(403, "This request came from another site and was refused.");
    }
    String token = ctx.header("X-CSRF-Token");
    if (token == null) {
      token = ctx.formParam("csrf");
    }
    if (token == null
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      throw new PageException(
          403, "The form's security token is missing or stale: reload the page.");
    }
  }

  /** The login form's Origin check (there is no session, hence no CSRF token, yet). */
  public void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, ctx)) {
      throw new PageException(403, "This request came from another site and was refused.");
    }
  }

  private static boolean sameOrigin(String origin, Context ctx) {
    try {
      URI uri = URI.create(origin);
      String host = ctx.header("Host");
      return host != null
          && uri.getRawAuthority() != null
          && uri.getRawAuthority().equalsIgnoreCase(host)
          && (uri.getScheme().equals("http") || uri.getScheme().equals("https"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean secure(Context ctx) {
    return "https".equals(ctx.scheme());
  }

  private static String printable(String name) {
    String line = name == null ? "" : name.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return line.isEmpty() ? "?" : line.length() > 64 ? line.substring(0, 64) : line;
  }
}
