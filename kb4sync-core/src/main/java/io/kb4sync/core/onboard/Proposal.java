package io.kb4sync.core.onboard;

import java.util.List;

/**
 * What {@code kb4sync companies discover} proposes: PSA company to tenant, never a guess.
 *
 * @param matched one PSA company to one tenant, and by what
 * @param ambiguous what has two or more candidates, each with the reason; nothing is chosen
 * @param psaOnly active PSA companies with no tenant found
 * @param tenantOnly partner customers no PSA company claims
 * @param alreadyConfigured PSA companies (or tenants) already in the configuration
 * @param skipped the MSP itself and inactive PSA companies, with why
 */
public record Proposal(
    List<Match> matched,
    List<Ambiguity> ambiguous,
    List<PsaCompany> psaOnly,
    List<PartnerCustomer> tenantOnly,
    List<Configured> alreadyConfigured,
    List<Skipped> skipped) {

  /** How a match was made. */
  public enum By {
    /** A domain of the PSA company resolves to the tenant (OpenID discovery). */
    TENANT_ID,
    /** The normalised names are equal, and neither has another candidate. */
    NAME;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param displayName the tenant's name as Microsoft lists it; null when it is no partner customer
   * @param partnerCustomer whether the tenant is among the partner's customers (GDAP)
   */
  public record Match(
      PsaCompany company, String tenantId, String displayName, boolean partnerCustomer, By by) {}

  /**
   * @param companies the PSA companies involved
   * @param tenants the tenants involved
   * @param reason why no one was chosen
   */
  public record Ambiguity(
      List<PsaCompany> companies, List<PartnerCustomer> tenants, String reason) {}

  /** A PSA company in the configuration already; {@code tenantId} null when unknown. */
  public record Configured(String companyId, String name, String tenantId) {}

  /** Left out, and why ({@code the MSP's own tenant}, {@code inactive in the PSA}). */
  public record Skipped(String companyId, String tenantId, String name, String reason) {}
}
