package io.kb4sync.core.onboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Proposes PSA company to Microsoft 365 tenant (the contract's "Tenant auto-detection"). Pure: the
 * reads happen before. By tenant id first (a PSA company's domain resolves to the tenant), then by
 * normalised name ({@link CompanyNames}); whenever two candidates remain it reports an ambiguity
 * and chooses none. The MSP's own tenant (its id, or a PSA company on one of its domains) and
 * inactive PSA companies are skipped; companies already configured are reported as such.
 */
public final class TenantMatcher {
  /**
   * @param mspTenantId the partner tenant's id
   * @param mspDomains the partner tenant's domains (lower case)
   * @param configuredCompanyIds company ids in the configuration
   * @param configuredTenants tenant ids (lower case) configured or mapped, by company id
   */
  public record Known(
      String mspTenantId,
      Set<String> mspDomains,
      Set<String> configuredCompanyIds,
      Map<String, String> configuredTenants) {
    public Known {
      mspTenantId = mspTenantId == null ? "" : mspTenantId.trim().toLowerCase(Locale.ROOT);
      mspDomains = mspDomains == null ? Set.of() : Set.copyOf(mspDomains);
      configuredCompanyIds =
          configuredCompanyIds == null ? Set.of() : Set.copyOf(configuredCompanyIds);
      configuredTenants = configuredTenants == null ? Map.of() : Map.copyOf(configuredTenants);
    }
  }

  private TenantMatcher() {}

  /**
   * @param customers the partner's customers (GDAP)
   * @param companies the PSA's companies, active or not
   * @param tenantOfDomain a domain's tenant id (lower case) from OpenID discovery; a domain absent
   *     or mapped to null has none
   */
  public static Proposal match(
      List<PartnerCustomer> customers,
      List<PsaCompany> companies,
      Map<String, String> tenantOfDomain,
      Known known) {
    List<Proposal.Match> matched = new ArrayList<>();
    List<Proposal.Ambiguity> ambiguous = new ArrayList<>();
    List<Proposal.Configured> configured = new ArrayList<>();
    List<Proposal.Skipped> skipped = new ArrayList<>();
    Set<String> configuredTenantIds = new LinkedHashSet<>(known.configuredTenants().values());

    Map<String, PartnerCustomer> byTenant = new LinkedHashMap<>();
    for (PartnerCustomer customer : customers) {
      if (customer.tenantId().equals(known.mspTenantId())) {
        skipped.add(
            new Proposal.Skipped(
                null, customer.tenantId(), customer.displayName(), "the MSP's own tenant"));
      } else {
        byTenant.putIfAbsent(customer.tenantId(), customer);
      }
    }

    // 1. Leave out the inactive, the MSP itself and what is configured; find each one's tenants.
    Map<PsaCompany, Set<String>> tenantsOf = new LinkedHashMap<>();
    for (PsaCompany company : companies) {
      Set<String> tenants = new LinkedHashSet<>();
      for (String domain : company.domains()) {
        String tenant = tenantOfDomain.get(domain);
        if (tenant != null && !tenant.isBlank()) {
          tenants.add(tenant.trim().toLowerCase(Locale.ROOT));
        }
      }
      boolean msp =
          tenants.contains(known.mspTenantId())
              || company.domains().stream().anyMatch(known.mspDomains()::contains);
      if (msp) {
        skipped.add(
            new Proposal.Skipped(
                company.id(), known.mspTenantId(), company.name(), "the MSP's own tenant"));
      } else if (known.configuredCompanyIds().contains(company.id())) {
        configured.add(
            new Proposal.Configured(
                company.id(), company.name(), known.configuredTenants().get(company.id())));
      } else if (!company.active()) {
        skipped.add(
            new Proposal.Skipped(company.id(), null, company.name(), "inactive in the PSA"));
      } else {
        tenantsOf.put(company, tenants);
      }
    }
    for (String tenant : configuredTenantIds) {
      byTenant.remove(tenant);
    }

    // 2. By tenant id: one tenant for the company, and the company the only one on that tenant.
    Map<String, List<PsaCompany>> claims = new LinkedHashMap<>();
    List<PsaCompany> unresolved = new ArrayList<>();
    Set<String> takenTenants = new LinkedHashSet<>();
    for (Map.Entry<PsaCompany, Set<String>> entry : tenantsOf.entrySet()) {
      Set<String> tenants = entry.getValue();
      if (tenants.size() > 1) {
        ambiguous.add(
            new Proposal.Ambiguity(
                List.of(entry.getKey()),
                tenants.stream().map(t -> customer(byTenant, t)).toList(),
                "its domains belong to " + tenants.size() + " tenants"));
        takenTenants.addAll(tenants);
      } else if (tenants.size() == 1) {
        claims
            .computeIfAbsent(tenants.iterator().next(), t -> new ArrayList<>())
            .add(entry.getKey());
      } else {
        unresolved.add(entry.getKey());
      }
    }
    for (Map.Entry<String, List<PsaCompany>> claim : claims.entrySet()) {
      String tenant = claim.getKey();
      takenTenants.add(tenant);
      if (configuredTenantIds.contains(tenant)) {
        for (PsaCompany company : claim.getValue()) {
          configured.add(new Proposal.Configured(company.id(), company.name(), tenant));
        }
      } else if (claim.getValue().size() > 1) {
        ambiguous.add(
            new Proposal.Ambiguity(
                List.copyOf(claim.getValue()),
                List.of(customer(byTenant, tenant)),
                claim.getValue().size() + " PSA companies share a domain of this tenant"));
      } else {
        PartnerCustomer customer = byTenant.get(tenant);
        matched.add(
            new Proposal.Match(
                claim.getValue().get(0),
                tenant,
                customer == null ? null : customer.displayName(),
                customer != null,
                Proposal.By.TENANT_ID));
      }
    }

    // 3. By normalised name, among what is left on both sides.
    Map<String, List<PartnerCustomer>> customersByName = new LinkedHashMap<>();
    for (PartnerCustomer customer : byTenant.values()) {
      if (!takenTenants.contains(customer.tenantId())) {
        String key = CompanyNames.normalised(customer.displayName());
        if (!key.isEmpty()) {
          customersByName.computeIfAbsent(key, k -> new ArrayList<>()).add(customer);
        }
      }
    }
    Map<String, List<PsaCompany>> companiesByName = new LinkedHashMap<>();
    List<PsaCompany> psaOnly = new ArrayList<>();
    for (PsaCompany company : unresolved) {
      String key = CompanyNames.normalised(company.name());
      if (key.isEmpty()) {
        psaOnly.add(company);
      } else {
        companiesByName.computeIfAbsent(key, k -> new ArrayList<>()).add(company);
      }
    }
    Set<String> nameTaken = new LinkedHashSet<>();
    for (Map.Entry<String, List<PsaCompany>> entry : companiesByName.entrySet()) {
      List<PartnerCustomer> candidates = customersByName.getOrDefault(entry.getKey(), List.of());
      List<PsaCompany> namesakes = entry.getValue();
      if (candidates.isEmpty()) {
        psaOnly.addAll(namesakes);
      } else if (candidates.size() == 1 && namesakes.size() == 1) {
        PartnerCustomer customer = candidates.get(0);
        matched.add(
            new Proposal.Match(
                namesakes.get(0),
                customer.tenantId(),
                customer.displayName(),
                true,
                Proposal.By.NAME));
        nameTaken.add(customer.tenantId());
      } else {
        ambiguous.add(
            new Proposal.Ambiguity(
                List.copyOf(namesakes),
                List.copyOf(candidates),
                candidates.size() > 1
                    ? candidates.size() + " tenants have this name"
                    : namesakes.size() + " PSA companies have this name"));
        candidates.forEach(c -> nameTaken.add(c.tenantId()));
      }
    }
    List<PartnerCustomer> tenantOnly = new ArrayList<>();
    for (PartnerCustomer customer : byTenant.values()) {
      if (!takenTenants.contains(customer.tenantId()) && !nameTaken.contains(customer.tenantId())) {
        tenantOnly.add(customer);
      }
    }
    matched.sort(Comparator.comparing(m -> m.company().name(), String.CASE_INSENSITIVE_ORDER));
    psaOnly.sort(Comparator.comparing(PsaCompany::name, String.CASE_INSENSITIVE_ORDER));
    tenantOnly.sort(
        Comparator.comparing(PartnerCustomer::displayName, String.CASE_INSENSITIVE_ORDER));
    return new Proposal(
        List.copyOf(matched),
        List.copyOf(ambiguous),
        List.copyOf(psaOnly),
        List.copyOf(tenantOnly),
        List.copyOf(configured),
        List.copyOf(skipped));
  }

  /** The customer of that tenant, or a nameless one when the tenant is no partner customer. */
  private static PartnerCustomer customer(Map<String, PartnerCustomer> byTenant, String tenant) {
    PartnerCustomer customer = byTenant.get(tenant);
    return customer != null ? customer : new PartnerCustomer(tenant, "");
  }
}
