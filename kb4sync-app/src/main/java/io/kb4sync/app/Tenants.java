package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TenantMapping;
import java.util.List;
import java.util.Optional;

/**
 * Which tenant a company signs in to: {@code --tenant} (one run), else the configuration's {@code
 * m365.tenant_id}, else the mapping {@code kb4sync companies map} stored; with none, a
 * configuration error (exit 2) naming both ways to give one. The one place that decides it.
 */
public final class Tenants {
  private Tenants() {}

  /** Every company with its tenant; {@code override} is {@code --tenant}, or null. */
  public static List<CompanyConfig> resolve(
      Config config, List<CompanyConfig> companies, String override, StateStore store) {
    return companies.stream().map(c -> resolve(config, c, override, store)).toList();
  }

  /**
   * @throws ConfigException when the company has no tenant from any of the three
   */
  public static CompanyConfig resolve(
      Config config, CompanyConfig company, String override, StateStore store) {
    if ((override != null && !override.isBlank()) || company.m365().hasTenant()) {
      return company;
    }
    Optional<TenantMapping> mapping = store.tenantMapping(company.companyId());
    if (mapping.isEmpty()) {
      throw new ConfigException(
          config.file()
              + ": company \""
              + company.companyId()
              + "\" has no Microsoft 365 tenant: set its m365.tenant_id in the configuration, or"
              + " store one with: kb4sync companies map --config "
              + config.file()
              + " --company "
              + company.companyId()
              + " --tenant TENANT");
    }
    return new CompanyConfig(
        company.companyId(),
        company.name(),
        company.m365().toBuilder().tenantId(mapping.get().tenantId()).build(),
        company.knowbe4(),
        company.variables(),
        company.schedule());
  }
}
