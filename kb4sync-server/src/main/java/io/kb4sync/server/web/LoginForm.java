package io.kb4sync.server.web;

import io.javalin.http.Context;

/**
 * How the sign-in page is drawn: by default this package's plain, accessible form ({@code
 * LoginPage}); the pages may draw it with their own templates through {@link
 * WebSecurity#loginForm}. Whatever draws it posts {@code name}, {@code password} and {@code next}
 * to {@code POST /login}, and links to {@code /auth/entra?next=...} when {@link View#entra()} says
 * so.
 */
@FunctionalInterface
public interface LoginForm {

  /**
   * What the page shows.
   *
   * @param next where to go after signing in: a local path, already checked
   * @param message a one-line problem ("Wrong name or password.") or null
   * @param name the name to fill in again, or null; untrusted text, to be escaped
   * @param entra whether to offer "Sign in with Microsoft"
   */
  record View(String next, String message, String name, boolean entra) {}

  /** Draws the page; the status (200, 400, 401, 429) is already set. */
  void render(Context ctx, View view);

  /** This package's plain form. */
  static LoginForm plain() {
    return (ctx, view) ->
        ctx.html(LoginPage.render(view.next(), view.message(), view.name(), view.entra()));
  }
}
