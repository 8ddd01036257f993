package io.kb4sync.core.onboard;

import java.util.Objects;

/**
 * A customer tenant of the MSP as Microsoft lists it (GDAP {@code delegatedAdminCustomer}): its id
 * and display name only.
 */
public record PartnerCustomer(String tenantId, String displayName) {
  public PartnerCustomer {
    Objects.requireNonNull(tenantId, "tenantId");
    tenantId = tenantId.trim().toLowerCase(java.util.Locale.ROOT);
    displayName = displayName == null ? "" : displayName;
  }
}
