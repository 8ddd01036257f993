package io.kb4sync.core.audit;

import io.kb4sync.core.plan.Consent;
import java.util.Objects;

/**
 * Who is audited, and how the technician runs kb4sync for it (for the suggested commands).
 *
 * @param companyName the company's name, or null (its id is shown then)
 * @param configPath the configuration file as the technician should type it; null gives {@code
 *     <config.yaml>}
 */
public record AuditContext(String companyId, String companyName, String configPath) {
  public AuditContext {
    Objects.requireNonNull(companyId, "companyId");
  }

  /** The name, else the id. */
  public String displayName() {
    return companyName == null || companyName.isBlank() ? companyId : companyName;
  }

  /** {@code kb4sync sync --config FILE --company ID}, quoted for a POSIX shell where needed. */
  public String syncCommand() {
    return Consent.syncCommand(configPath, companyId);
  }
}
