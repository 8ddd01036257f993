package io.kb4sync.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.kb4sync.server.Caller;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login} (the form), {@code POST /login} (a local account's name and password) and
 * {@code POST /logout}. A wrong password, an unknown name and a disabled account get the same
 * answer; every sign-in and refused sign-in is in the audit log of admin actions, never with a
 * password.
 */
final class SignIn {

  static final String WRONG = "Wrong name or password.";
  static final String TOO_MANY = "Too many failed sign-ins; wait 15 minutes before trying again.";

  private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
  private static final Pattern LOGGABLE_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

  private final WebSecurity web;

  SignIn(WebSecurity web) {
    this.web = web;
  }

  void form(Context ctx) {
    page(ctx, HttpStatus.OK, NextPath.safe(ctx.queryParam("next")), null, null);
  }

  void submit(Context ctx) {
    ClientRequest client = ClientRequest.of(ctx, web.proxies);
    if (!Csrf.sameOrigin(ctx, web.ownOrigins(client))) {
      WebSecurity.refuse(ctx, HttpStatus.FORBIDDEN, "cross-origin sign-in refused");
      return;
    }
    String next = NextPath.safe(ctx.formParam("next"));
    String name = ctx.formParam("name");
    String password = ctx.formParam("password");
    if (name == null || name.isBlank() || password == null || password.isEmpty()) {
      page(ctx, HttpStatus.BAD_REQUEST, next, "Give a name and a password.", name);
      return;
    }
    name = name.strip();
    if (!web.limiter.tryBegin(name, client.address())) {
      // Not in the admin log: a flood of refused attempts costs nothing to send and would fill
      // it; the failures that led to the block are there.
      LOG.info("sign-in refused for {}: too many failures", loggable(name));
      page(ctx, HttpStatus.TOO_MANY_REQUESTS, next, TOO_MANY, name);
      return;
    }
    char[] chars = password.toCharArray();
    Optional<Caller> caller = Optional.empty();
    try {
      caller = web.people.checkPassword(name, chars);
    } finally {
      Arrays.fill(chars, '\0');
      web.limiter.end(name, client.address(), caller.isPresent());
    }
    if (caller.isEmpty()) {
      refused(name, client, "wrong name or password");
      page(ctx, HttpStatus.UNAUTHORIZED, next, WRONG, name);
      return;
    }
    complete(ctx, caller.get(), "local", next, client);
  }

  void signOut(Context ctx) {
    ClientRequest client = ClientRequest.of(ctx, web.proxies);
    WebSecurity.session(ctx)
        .ifPresent(
            session -> {
              web.sessions.close(session.id());
              web.log.record(
                  new AdminAction(
                      web.clock.instant(), session.caller().trigger(), "sign_out", null, null));
            });
    SessionCookie.clear(ctx, web.secure(client));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  /**
   * Opens a new session for a person who just proved who they are — a fresh id whatever cookie came
   * in, so that no id chosen before the sign-in survives it — and sends them on.
   */
  void complete(Context ctx, Caller caller, String via, String next, ClientRequest client) {
    String old = SessionCookie.read(ctx);
    if (old != null) {
      web.sessions.close(old);
    }
    Session session = web.sessions.open(caller, web.clock.instant());
    SessionCookie.set(ctx, session.id(), web.secure(client));
    web.log.record(
        new AdminAction(
            web.clock.instant(),
            caller.trigger(),
            "sign_in",
            null,
            via + " from " + client.address()));
    LOG.info("{} signed in ({}, {})", caller.name(), via, caller.role().id());
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  void refused(String name, ClientRequest client, String why) {
    String actor = loggable(name);
    web.log.record(
        new AdminAction(
            web.clock.instant(),
            actor,
            "sign_in_refused",
            null,
            why + " from " + client.address()));
    LOG.info("sign-in refused for {}: {}", actor, why);
  }

  /** {@code ui:<name>} when the name is plain enough for a log, else {@code ui:?}. */
  static String loggable(String name) {
    return "ui:" + (name != null && LOGGABLE_NAME.matcher(name).matches() ? name : "?");
  }

  private void page(Context ctx, HttpStatus status, String next, String message, String name) {
    ctx.status(status);
    web.loginForm.render(
        ctx, new LoginForm.View(next, message, name, web.settings.entra() != null));
  }
}
