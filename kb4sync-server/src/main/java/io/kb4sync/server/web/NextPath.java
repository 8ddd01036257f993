package io.kb4sync.server.web;

/**
 * Where to go after signing in: only a path of this site, so that a link cannot send a person who
 * signs in to another site (no open redirect).
 */
final class NextPath {

  static final String HOME = "/";
  private static final int LONGEST = 2048;

  private NextPath() {}

  /** {@code next} when it is a local path (not the sign-in's own), {@value #HOME} otherwise. */
  static String safe(String next) {
    if (next == null
        || next.isEmpty()
        || next.length() > LONGEST
        || next.charAt(0) != '/'
        || next.startsWith("//")
        || next.startsWith("/login")
        || next.startsWith("/logout")
        || next.startsWith("/auth/")) {
      return HOME;
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '\\') {
        return HOME;
      }
    }
    return next;
  }
}
