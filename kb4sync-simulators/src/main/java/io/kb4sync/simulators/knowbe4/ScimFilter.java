package io.kb4sync.simulators.knowbe4;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one filter shape KnowBe4 documents: {@code attribute eq "value"}. The value is a JSON string
 * literal (RFC 7644 §3.4.2.2), so {@code \"} and {@code \\} escapes are decoded.
 */
record ScimFilter(String attribute, String value) {
  private static final Pattern EQ =
      Pattern.compile(
          "^\\s*([A-Za-z][A-Za-z0-9._:-]*)\\s+(?i:eq)\\s+(\"(?:[^\"\\\\]|\\\\.)*\")\\s*$");

  /** Parses a filter; null when it is not an {@code eq} comparison with a string. */
  static ScimFilter parse(String filter) {
    if (filter == null) {
      return null;
    }
    Matcher matcher = EQ.matcher(filter);
    if (!matcher.matches()) {
      return null;
    }
    try {
      String value = SimJson.MAPPER.readValue(matcher.group(2), String.class);
      return new ScimFilter(matcher.group(1), value);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  boolean on(String name) {
    return attribute.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }
}
