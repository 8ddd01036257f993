package io.kb4sync.core.notify;

import java.util.Objects;

/**
 * A ticket the PSA should hold for a company.
 *
 * @param companyId the PSA company id (the company's {@code company_id})
 * @param kind what the ticket is about, the dedupe key with the company: {@code sync-failure},
 *     {@code guard-hold}, {@code changes}, {@code audit}
 * @param summary one line (PSAs cap it: ConnectWise at 100 characters)
 * @param details the report's summary as plain text
 */
public record TicketRequest(
    String companyId, String companyName, String kind, String summary, String details) {
  public TicketRequest {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
  }
}
