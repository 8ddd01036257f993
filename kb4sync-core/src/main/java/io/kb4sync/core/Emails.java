package io.kb4sync.core;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Email addresses as the contract compares them: trimmed, in Unicode normal form C, and
 * case-insensitive. NFC makes one address of its spellings: {@code josé@acme.example} written with
 * a precomposed é (U+00E9) and written with e and a combining acute accent (U+0301) are one person.
 */
public final class Emails {
  private Emails() {}

  /**
   * The comparison key of an address: trimmed, NFC-normalised and lower-cased; null for null or
   * blank.
   */
  public static String key(String email) {
    if (email == null) {
      return null;
    }
    String trimmed = email.trim();
    return trimmed.isEmpty()
        ? null
        : Normalizer.normalize(trimmed, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
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

  /**
   * True when both addresses are the same address, ignoring case, surrounding blanks and the
   * Unicode form of their characters.
   */
  public static boolean same(String a, String b) {
    String ka = key(a);
    return ka != null && ka.equals(key(b));
  }
}
