package io.kb4sync.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which PSA ticket is open for a company and a kind of problem, so a later run adds to that ticket
 * instead of opening another (one open ticket per company and kind). Kept in the state store,
 * beside the links.
 */
public interface TicketMemory {

  /**
   * The ticket remembered as open for this company and kind.
   *
   * @param kind what the ticket is about, e.g. {@code sync-failed} (free text chosen by the caller)
   * @return the PSA's ticket id, or empty when none is remembered
   */
  Optional<String> openTicket(String companyId, String kind);

  /**
   * Remembers that a ticket is open; replaces any ticket remembered for the same company and kind.
   *
   * @param system the PSA that holds the ticket, e.g. {@code connectwise}
   * @param openedAt stored to the millisecond
   */
  void rememberTicket(
      String companyId, String kind, String ticketId, String system, Instant openedAt);

  /** Forgets the ticket of this company and kind (it was closed); does nothing when none is. */
  void forgetTicket(String companyId, String kind);
}
