package io.kb4sync.core.training;

import java.text.Normalizer;
import java.util.Objects;

/**
 * The lengths a KnowBe4 user's attributes may take, and how values from the directory are fitted to
 * them. KnowBe4 documents no length for its SCIM attributes; kb4sync takes {@value
 * #MAX_ATTRIBUTE_LENGTH} characters (code points) for names, department and job title, the common
 * size of a text column in web applications and well above what Microsoft Entra allows (64 for
 * given name, surname and department, 128 for job title), and {@value #MAX_EMAIL_LENGTH} for an
 * email address, the longest address SMTP can carry (RFC 5321: a path of 256 octets, angle brackets
 * included). docs/semantics.md explains the choice.
 */
public final class AttributeLimits {
  /** The longest given name, family name, department or job title sent to KnowBe4. */
  public static final int MAX_ATTRIBUTE_LENGTH = 255;

  /** The longest email address; a longer one is refused, never cut. */
  public static final int MAX_EMAIL_LENGTH = 254;

  private AttributeLimits() {}

  /** The value's length in characters (code points), not UTF-16 units. */
  public static int length(String value) {
    return value == null ? 0 : value.codePointCount(0, value.length());
  }

  /** True when the value is longer than {@link #MAX_ATTRIBUTE_LENGTH}. */
  public static boolean tooLong(String value) {
    return length(value) > MAX_ATTRIBUTE_LENGTH;
  }

  /** The value cut to {@link #MAX_ATTRIBUTE_LENGTH} characters, never inside a surrogate pair. */
  public static String fit(String value) {
    if (!tooLong(value)) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, MAX_ATTRIBUTE_LENGTH));
  }

  /** True when the address is longer than {@link #MAX_EMAIL_LENGTH}. */
  public static boolean emailTooLong(String email) {
    return length(email) > MAX_EMAIL_LENGTH;
  }

  /**
   * Whether two attribute values are the same for KnowBe4: after their Unicode normal form C (a
   * precomposed é and e with a combining accent are one value). Nulls equal only nulls.
   */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(
        Normalizer.normalize(a, Normalizer.Form.NFC), Normalizer.normalize(b, Normalizer.Form.NFC));
  }
}
