package io.kb4sync.psa;

import io.kb4sync.core.notify.TicketRequest;

/** The wording kb4sync's tickets share, and the stable keys found again by search. */
final class TicketText {
  private TicketText() {}

  /** The title prefix that marks a kb4sync ticket of one kind: {@code [kb4sync guard-hold] }. */
  static String prefix(TicketRequest request) {
    return "[kb4sync " + request.kind() + "] ";
  }

  /** The prefix and the summary, cut to {@code max} characters (with an ellipsis). */
  static String title(TicketRequest request, int max) {
    return cut(prefix(request) + request.summary(), max);
  }

  /** ConnectWise's {@code externalXRef}: {@code kb4sync:<company>:<kind>}, at most 100 chars. */
  static String externalRef(TicketRequest request) {
    return cut("kb4sync:" + request.companyId() + ":" + request.kind(), 100);
  }

  /** The text of a ticket or note: the summary line, then the details. */
  static String body(TicketRequest request, int max) {
    String details = request.details() == null ? "" : request.details();
    return cut(request.summary() + (details.isEmpty() ? "" : "\n\n" + details), max);
  }

  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
