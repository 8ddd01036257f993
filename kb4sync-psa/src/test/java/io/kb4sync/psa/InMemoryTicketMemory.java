package io.kb4sync.psa;

import io.kb4sync.core.notify.TicketMemory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The state store's ticket memory, in a map. */
final class InMemoryTicketMemory implements TicketMemory {
  private final Map<String, String> tickets = new HashMap<>();

  @Override
  public synchronized Optional<String> openTicket(String companyId, String kind) {
    return Optional.ofNullable(tickets.get(companyId + "/" + kind));
  }

  @Override
  public synchronized void rememberTicket(
      String companyId, String kind, String system, String ticketId) {
    tickets.put(companyId + "/" + kind, ticketId);
  }

  @Override
  public synchronized void forgetTicket(String companyId, String kind) {
    tickets.remove(companyId + "/" + kind);
  }

  synchronized void clear() {
    tickets.clear();
  }
}
