package io.kb4sync.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How an audit words its findings and orders the users in them. */
final class Wording {
  /** The users of a finding, by email ignoring case. */
  static final Comparator<AffectedUser> BY_EMAIL = Comparator.comparing(u -> lower(u.email()));

  private Wording() {}

  static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part.trim());
      }
    }
    return present.isEmpty() ? null : String.join(separator, present);
  }

  static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
