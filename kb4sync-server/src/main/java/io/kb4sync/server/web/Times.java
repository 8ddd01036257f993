package io.kb4sync.server.web;

/** Instants as the pages show them: {@code 2026-12-05 03:00 UTC}; the ISO text stays in markup. */
public final class Times {
  private Times() {}

  /** {@code 2026-12-05T03:00:00Z} as {@code 2026-12-05 03:00 UTC}; null as an em dash. */
  public static String show(String iso) {
    if (iso == null) {
      return "—";
    }
    if (iso.length() >= 16 && iso.charAt(10) == 'T') {
      return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
    }
    return iso;
  }
}
