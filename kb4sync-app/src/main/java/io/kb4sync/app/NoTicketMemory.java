package io.kb4sync.app;

import io.kb4sync.core.notify.TicketMemory;
import java.util.Optional;

/**
 * A ticket memory that remembers nothing: used when the state store keeps no tickets (and to
 * validate PSA settings). Dedupe then relies on the PSA search by kb4sync's stable key.
 */
public enum NoTicketMemory implements TicketMemory {
  INSTANCE;

  @Override
  public Optional<String> openTicket(String companyId, String kind) {
    return Optional.empty();
  }

  @Override
  public void rememberTicket(String companyId, String kind, String system, String ticketId) {}

  @Override
  public void forgetTicket(String companyId, String kind) {}
}
