package io.kb4sync.psa;

import io.kb4sync.core.notify.TicketRequest;

/** Ticket requests for tests. */
final class Requests {
  private Requests() {}

  static TicketRequest guardHold(String companyId) {
    return new TicketRequest(
        companyId,
        "Acme Corp",
        "guard-hold",
        "KnowBe4 sync: 7 archives held for Acme Corp, consent needed",
        "Company: Acme Corp\nTo consent, run: kb4sync sync --config c.yaml --company " + companyId);
  }

  static TicketRequest failure(String companyId) {
    return new TicketRequest(
        companyId, "Acme Corp", "sync-failure", "KnowBe4 sync failed for Acme Corp", "exit 1");
  }
}
