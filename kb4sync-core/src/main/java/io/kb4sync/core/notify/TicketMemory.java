package io.kb4sync.core.notify;

import java.util.Optional;

/**
 * Remembers which PSA ticket kb4sync opened for a company and kind, so a recurring problem adds a
 * note to the open ticket instead of opening another. Kept in the state store.
 */
public interface TicketMemory {
  Optional<String> openTicket(String companyId, String kind);

  void rememberTicket(String companyId, String kind, String system, String ticketId);

  void forgetTicket(String companyId, String kind);
}
