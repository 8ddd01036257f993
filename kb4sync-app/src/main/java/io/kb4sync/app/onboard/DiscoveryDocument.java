package io.kb4sync.app.onboard;

import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.onboard.Proposal;
import io.kb4sync.core.onboard.PsaCompany;
import java.util.List;

/**
 * {@code kb4sync companies discover --format json}: the proposal as one JSON object, keys in
 * snake_case in this order, every list present (empty when nothing), nulls kept. The shape is
 * documented in docs/onboarding.md; add keys, never rename or remove them.
 *
 * @param partnerTenantId the MSP's own tenant (GUID), skipped
 * @param summary how many of each
 * @param matched one PSA company to one tenant: propose these
 * @param ambiguous two or more candidates: nothing chosen, with the reason
 * @param psaOnly active PSA companies with no tenant found
 * @param tenantOnly GDAP customers no PSA company claims
 * @param alreadyConfigured PSA companies in the configuration or mapped in the state store
 * @param skipped the MSP itself and inactive PSA companies
 */
public record DiscoveryDocument(
    String partnerTenantId,
    Summary summary,
    List<MatchedJson> matched,
    List<AmbiguousJson> ambiguous,
    List<CompanyJson> psaOnly,
    List<TenantJson> tenantOnly,
    List<ConfiguredJson> alreadyConfigured,
    List<SkippedJson> skipped) {

  /** The counts of each list. */
  public record Summary(
      int matched,
      int ambiguous,
      int psaOnly,
      int tenantOnly,
      int alreadyConfigured,
      int skipped) {}

  /**
   * @param by {@code tenant_id} (a domain of the company resolves to the tenant) or {@code name}
   * @param gdapCustomer whether the tenant is among the partner's GDAP customers
   */
  public record MatchedJson(
      String companyId,
      String name,
      List<String> domains,
      String tenantId,
      String tenantName,
      String by,
      boolean gdapCustomer) {}

  public record CompanyJson(String companyId, String name, List<String> domains) {}

  /** A tenant; {@code name} is empty when it is no GDAP customer (Microsoft gave no name). */
  public record TenantJson(String tenantId, String name) {}

  public record AmbiguousJson(
      List<CompanyJson> companies, List<TenantJson> tenants, String reason) {}

  /** {@code tenantId} null when the company has neither {@code m365.tenant_id} nor a mapping. */
  public record ConfiguredJson(String companyId, String name, String tenantId) {}

  /** {@code companyId} null for a tenant, {@code tenantId} null for an inactive PSA company. */
  public record SkippedJson(String companyId, String tenantId, String name, String reason) {}

  public static DiscoveryDocument of(Discovery.Result result) {
    Proposal p = result.proposal();
    return new DiscoveryDocument(
        result.partnerTenantId(),
        new Summary(
            p.matched().size(),
            p.ambiguous().size(),
            p.psaOnly().size(),
            p.tenantOnly().size(),
            p.alreadyConfigured().size(),
            p.skipped().size()),
        p.matched().stream()
            .map(
                m ->
                    new MatchedJson(
                        m.company().id(),
                        m.company().name(),
                        m.company().domains(),
                        m.tenantId(),
                        m.displayName(),
                        m.by().id(),
                        m.partnerCustomer()))
            .toList(),
        p.ambiguous().stream()
            .map(
                a ->
                    new AmbiguousJson(
                        a.companies().stream().map(DiscoveryDocument::company).toList(),
                        a.tenants().stream().map(DiscoveryDocument::tenant).toList(),
                        a.reason()))
            .toList(),
        p.psaOnly().stream().map(DiscoveryDocument::company).toList(),
        p.tenantOnly().stream().map(DiscoveryDocument::tenant).toList(),
        p.alreadyConfigured().stream()
            .map(c -> new ConfiguredJson(c.companyId(), c.name(), c.tenantId()))
            .toList(),
        p.skipped().stream()
            .map(s -> new SkippedJson(s.companyId(), s.tenantId(), s.name(), s.reason()))
            .toList());
  }

  private static CompanyJson company(PsaCompany company) {
    return new CompanyJson(company.id(), company.name(), company.domains());
  }

  private static TenantJson tenant(PartnerCustomer customer) {
    return new TenantJson(customer.tenantId(), customer.displayName());
  }
}
