package io.kb4sync.server.web;

import io.kb4sync.server.Role;

/**
 * What every page's frame shows: its title, who is signed in and the CSRF token its forms carry.
 *
 * @param active the navigation entry of this page: {@code companies}, {@code held}, {@code admin}
 *     (users and tokens), {@code log} (the admin log) or {@code login}
 */
public record Frame(String title, String user, Role role, String csrf, String active) {

  /** The frame of the sign-in page: nobody is signed in yet. */
  public static Frame signedOut(String title) {
    return new Frame(title, null, null, "", "login");
  }

  public boolean signedIn() {
    return user != null;
  }

  public boolean operator() {
    return role != null && role.atLeast(Role.OPERATOR);
  }

  public boolean admin() {
    return role != null && role.atLeast(Role.ADMIN);
  }

  /** {@code page} for the navigation entry of this page, else null (the attribute is left out). */
  public String current(String entry) {
    return entry.equals(active) ? "page" : null;
  }
}
