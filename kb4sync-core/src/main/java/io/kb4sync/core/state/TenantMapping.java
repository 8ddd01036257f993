package io.kb4sync.core.state;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A company's Microsoft 365 tenant as {@code kb4sync companies map} stored it: what a company
 * without {@code m365.tenant_id} in the configuration signs in to (docs/onboarding.md).
 *
 * @param companyId the configuration's {@code company_id}
 * @param tenantId the tenant GUID or one of its domains
 * @param mappedAt when it was stored
 */
public record TenantMapping(String companyId, String tenantId, Instant mappedAt) {
  /** A GUID or a domain name: it becomes a path segment of the token URL. */
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  public TenantMapping {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(mappedAt, "mappedAt");
    if (companyId.isBlank()) {
      throw new IllegalArgumentException("company id: is empty");
    }
    tenantId = tenantId.trim();
    if (!TENANT.matcher(tenantId).matches()) {
      throw new IllegalArgumentException(
          "tenant: '" + tenantId + "' is neither a tenant GUID nor a domain name");
    }
  }
}
