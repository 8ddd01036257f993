package io.kb4sync.core;

import java.util.Locale;

/** Email addresses as the contract compares them: trimmed and case-insensitive. */
public final class Emails {
  private Emails() {}

  /** The comparison key of an address: trimmed and lower-cased; null for null or blank. */
  public static String key(String email) {
    if (email == null) {
      return null;
    }
    String trimmed = email.trim();
    return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
  }

  /** The domain part of an address, lower-cased; null when there is no {@code @}. */
  public static String domain(String email) {
    String key = key(email);
    if (key == null) {
      return null;
    }
    int at = key.lastIndexOf('@');
    return at < 0 || at == key.length() - 1 ? null : key.substring(at + 1);
  }

  /** True when both addresses are the same address, ignoring case and surrounding blanks. */
  public static boolean same(String a, String b) {
    String ka = key(a);
    return ka != null && ka.equals(key(b));
  }
}
