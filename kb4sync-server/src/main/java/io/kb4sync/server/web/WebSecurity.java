package io.kb4sync.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.kb4sync.server.Caller;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dashboard's sign-in and everything behind it (docs/security.md): {@code GET|POST /login},
 * {@code POST /logout}, Entra ID sign-in under {@code /auth/} when {@code server.oidc} is set, and
 * a before-handler that guards every dashboard route — everything but {@code /api/}, {@code
 * /healthz}, {@code /readyz}, {@code /metrics}, {@code /login}, {@code /auth/} and {@code
 * /static/}. A guarded request has a live session (else a redirect to the sign-in, or 401 for a
 * state-changing one); a state-changing one also comes from our own origin and carries the
 * session's CSRF token (else 403). Every answer outside the API gets strict security headers.
 *
 * <p>The pages mount it with {@link #install} and read the signed-in person with {@link #session}.
 */
public final class WebSecurity {

  /** The strict Content-Security-Policy of every dashboard answer: no inline script or style. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  private static final String SESSION = "kb4sync.web.session";
  private static final List<String> API_PREFIXES =
      List.of("/api", "/healthz", "/readyz", "/metrics");
  private static final List<String> OPEN_PREFIXES = List.of("/login", "/auth", "/static");

  final People people;
  final Sessions sessions;
  final AdminLog log;
  final WebSettings settings;
  final Clock clock;
  final ProxyAddresses proxies;
  final SignInLimiter limiter;
  private final SignIn signIn;
  private final EntraSignIn entra;
  volatile LoginForm loginForm = LoginForm.plain();

  /** Without Entra ID sign-in: {@code settings.entra()} must be null. */
  public WebSecurity(
      People people, Sessions sessions, AdminLog log, WebSettings settings, Clock clock) {
    this(people, sessions, log, settings, clock, null);
  }

  /**
   * @param http how Entra ID sign-in reaches the tenant; needed when {@code settings.entra()} is
   *     set
   * @throws IllegalArgumentException in one line when a trusted proxy is not an address or range
   */
  public WebSecurity(
      People people,
      Sessions sessions,
      AdminLog log,
      WebSettings settings,
      Clock clock,
      OidcHttp http) {
    this.people = Objects.requireNonNull(people, "people");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.log = Objects.requireNonNull(log, "log");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.proxies = ProxyAddresses.parse(settings.trustedProxies());
    this.limiter = new SignInLimiter(clock);
    this.signIn = new SignIn(this);
    if (settings.entra() != null && http == null) {
      throw new IllegalArgumentException("Entra ID sign-in needs an HTTP client");
    }
    this.entra = settings.entra() == null ? null : new EntraSignIn(this, settings.entra(), http);
  }

  /** The session of a guarded dashboard request; empty outside them. */
  public static Optional<Session> session(Context ctx) {
    return Optional.ofNullable(ctx.attribute(SESSION));
  }

  /** Draws the sign-in page with {@code form} (the pages' template) instead of the plain one. */
  public WebSecurity loginForm(LoginForm form) {
    this.loginForm = Objects.requireNonNull(form, "form");
    return this;
  }

  /** Installs the guard, the headers and the sign-in routes into a Javalin being configured. */
  public void install(JavalinConfig config) {
    config.routes.before(this::guard);
    config.routes.get("/login", signIn::form);
    config.routes.post("/login", signIn::submit);
    config.routes.post("/logout", signIn::signOut);
    if (entra != null) {
      config.routes.get(EntraSignIn.START, entra::start);
      config.routes.get(EntraSignIn.CALLBACK, entra::callback);
    }
  }

  private void guard(Context ctx) {
    String path = ctx.path();
    if (under(path, API_PREFIXES)) {
      return;
    }
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    if (!path.startsWith("/static/")) {
      ctx.header("Cache-Control", "no-store");
    }
    if (under(path, OPEN_PREFIXES)) {
      return;
    }
    ClientRequest client = ClientRequest.of(ctx, proxies);
    Optional<Session> session = current(ctx, client);
    if (session.isEmpty()) {
      if (Csrf.changesState(ctx)) {
        refuse(ctx, HttpStatus.UNAUTHORIZED, "sign in first");
      } else {
        String query = ctx.queryString();
        String next = NextPath.safe(query == null ? path : path + "?" + query);
        ctx.redirect(
            "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.FOUND);
        ctx.skipRemainingHandlers();
      }
      return;
    }
    if (Csrf.changesState(ctx)) {
      if (!Csrf.sameOrigin(ctx, ownOrigins(client))) {
        refuse(ctx, HttpStatus.FORBIDDEN, "cross-origin request refused");
        return;
      }
      if (!Csrf.tokenMatches(ctx, session.get())) {
        refuse(ctx, HttpStatus.FORBIDDEN, "missing or wrong CSRF token; reload the page");
        return;
      }
    }
    ctx.attribute(SESSION, session.get());
  }

  /**
   * The live session of the request's cookie, with its person's current role; a session whose
   * account was disabled or deleted meanwhile is ended.
   */
  Optional<Session> current(Context ctx, ClientRequest client) {
    String id = SessionCookie.read(ctx);
    if (id == null) {
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
      SessionCookie.clear(ctx, secure(client));
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

  /** Whether the browser reached us over HTTPS: cookies are then {@code Secure}. */
  boolean secure(ClientRequest client) {
    return (settings.publicUrl() != null && "https".equals(settings.publicUrl().getScheme()))
        || "https".equals(client.scheme());
  }

  /** {@code server.public_url}'s origin and the request's own. */
  List<String> ownOrigins(ClientRequest client) {
    List<String> origins = new ArrayList<>(2);
    String configured = ClientRequest.origin(settings.publicUrl());
    if (configured != null) {
      origins.add(configured);
    }
    String own = client.origin();
    if (own != null) {
      origins.add(own);
    }
    return origins;
  }

  static void refuse(Context ctx, HttpStatus status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
    ctx.skipRemainingHandlers();
  }

  private static boolean under(String path, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }
}
