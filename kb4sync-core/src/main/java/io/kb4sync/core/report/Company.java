package io.kb4sync.core.report;

import io.kb4sync.core.plan.Consent;
import java.util.Objects;

/**
 * The company a run is for, and how the technician runs kb4sync for it (for the commands that
 * reports, audits, notifications and tickets suggest).
 *
 * @param companyName the company's name, or null (its id is shown then)
 * @param configPath the configuration file as the technician should type it; null gives {@code
 *     <config.yaml>}
 */
public record Company(String companyId, String companyName, String configPath) {
  public Company {
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
