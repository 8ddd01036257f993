package io.kb4sync.core.onboard;

import io.kb4sync.core.remote.RemoteException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reads of {@code kb4sync companies discover}, then the {@link TenantMatcher}: the partner
 * tenant's GUID, its GDAP customers, the PSA's companies, and the tenant of each domain of the
 * active companies not configured yet. Reads only; a failed read stops it with {@link ReadFailed}
 * naming what was being read.
 *
 * <p>The MSP's own domains are not listed (that would need a directory permission in the MSP's
 * tenant): every domain of the MSP's tenant resolves to the partner GUID, which the matcher skips;
 * a {@code partner.tenant_id} written as a domain is one of them as well.
 */
public final class Discovery {
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * What the configuration and the state store already say.
   *
   * @param partnerTenant {@code partner.tenant_id} as written: a GUID or a domain
   * @param configuredTenants each configured or mapped company id, with its tenant as written (a
   *     GUID or a domain), or null when it has none yet
   */
  public record Known(String partnerTenant, Map<String, String> configuredTenants) {
    public Known {
      configuredTenants =
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuredTenants));
    }
  }

  /**
   * @param partnerTenantId the partner tenant's GUID, lower case
   * @param proposal what is proposed
   */
  public record Result(String partnerTenantId, Proposal proposal) {}

  /** A read failed; {@link #what()} says which, the cause says why. */
  public static final class ReadFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String what;

    ReadFailed(String what, RemoteException cause) {
      super("reading " + what + " failed: " + cause.getMessage(), cause);
      this.what = what;
    }

    /** What was being read, e.g. {@code the GDAP customers of the partner tenant}. */
    public String what() {
      return what;
    }
  }

  /** The partner tenant is written as a domain no tenant has: a configuration problem. */
  public static final class UnknownPartnerTenant extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownPartnerTenant(String domain) {
      super(
          "no Microsoft 365 tenant has the domain \""
              + domain
              + "\" (OpenID discovery); give the MSP tenant's GUID or one of its verified domains");
    }
  }

  private final PartnerDirectory partner;
  private final PsaDirectory psa;
  private final DomainTenants domains;

  public Discovery(PartnerDirectory partner, PsaDirectory psa, DomainTenants domains) {
    this.partner = partner;
    this.psa = psa;
    this.domains = domains;
  }

  /**
   * @throws ReadFailed when a read fails
   * @throws UnknownPartnerTenant when {@code partner.tenant_id} is a domain no tenant has
   */
  public Result discover(Known known) {
    String partnerTenant = known.partnerTenant().trim().toLowerCase(Locale.ROOT);
    Set<String> mspDomains = new LinkedHashSet<>();
    String partnerGuid;
    if (isGuid(partnerTenant)) {
      partnerGuid = partnerTenant;
    } else {
      mspDomains.add(partnerTenant);
      partnerGuid =
          read(
                  "the tenant of partner.tenant_id " + partnerTenant,
                  () -> domains.tenantOf(partnerTenant))
              .orElseThrow(() -> new UnknownPartnerTenant(partnerTenant));
    }
    List<PartnerCustomer> customers =
        read("the GDAP customers of the partner tenant " + partnerTenant, partner::customers);
    List<PsaCompany> companies = read("the companies of the PSA", psa::companies);

    Map<String, String> configuredTenants = new LinkedHashMap<>();
    for (Map.Entry<String, String> each : known.configuredTenants().entrySet()) {
      String tenant = each.getValue();
      if (tenant != null && !tenant.isBlank()) {
        configuredTenants.put(
            each.getKey(), guidOf(tenant, "the tenant of company " + each.getKey()));
      }
    }
    Map<String, String> tenantOfDomain = new LinkedHashMap<>();
    for (PsaCompany company : companies) {
      if (!company.active() || known.configuredTenants().containsKey(company.id())) {
        continue; // skipped or already configured: its domains are not needed
      }
      for (String domain : company.domains()) {
        if (!tenantOfDomain.containsKey(domain)) {
          Optional<String> tenant =
              read(
                  "the tenant of the domain " + domain + " (OpenID discovery)",
                  () -> domains.tenantOf(domain));
          tenantOfDomain.put(domain, tenant.orElse(null));
        }
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    tenantOfDomain.forEach(
        (domain, tenant) -> {
          if (tenant != null) {
            resolved.put(domain, tenant);
          }
        });
    Proposal proposal =
        TenantMatcher.match(
            customers,
            companies,
            resolved,
            new TenantMatcher.Known(
                partnerGuid, mspDomains, known.configuredTenants().keySet(), configuredTenants));
    return new Result(partnerGuid, proposal);
  }

  /** A configured tenant as a GUID; a domain no tenant has stays as written. */
  private String guidOf(String tenant, String what) {
    String written = tenant.trim().toLowerCase(Locale.ROOT);
    if (isGuid(written)) {
      return written;
    }
    return read(what + " (OpenID discovery)", () -> domains.tenantOf(written)).orElse(written);
  }

  static boolean isGuid(String text) {
    return GUID.matcher(text).matches();
  }

  private static <T> T read(String what, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (RemoteException e) {
      throw new ReadFailed(what, e);
    }
  }
}
