package io.kb4sync.app.logging;

/**
 * Log text as data: every control character is escaped, so a value typed into a customer's
 * directory (a name with a line break, a bell, a terminal escape sequence) can neither start a log
 * line of its own nor drive the terminal that shows it. CR, LF and tab become {@code \r}, {@code
 * \n} and {@code \t}; every other control character (C0, DEL, C1), the Unicode line and paragraph
 * separators and the bidirectional overrides and isolates become {@code \}{@code uXXXX}. Everything
 * else, backslashes included, is left as it is.
 */
public final class OneLine {
  private OneLine() {}

  /** The text with its control characters escaped; null for null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !escaped(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!escaped(c)) {
        out.append(c);
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean escaped(char c) {
    return Character.getType(c) == Character.CONTROL
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
