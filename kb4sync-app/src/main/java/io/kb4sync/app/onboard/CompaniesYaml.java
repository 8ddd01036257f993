package io.kb4sync.app.onboard;

import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.onboard.Proposal;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code kb4sync companies discover --output FILE}: a {@code companies:} block to review and paste
 * into the configuration. One entry per matched company, with {@code company_id}, {@code name},
 * {@code m365.tenant_id} (the credential comes from {@code defaults.m365}) and {@code knowbe4}
 * whose SCIM URL and token are {@code ${env:...}} references, never values; the ambiguous ones as
 * comments saying why nothing was chosen. Every text is a double-quoted YAML scalar.
 */
public final class CompaniesYaml {
  private CompaniesYaml() {}

  /**
   * {@code KB4_<COMPANY_ID>_<suffix>}: the id upper-cased, anything but A-Z and 0-9 as {@code _}.
   */
  public static String envName(String companyId, String suffix) {
    return "KB4_" + companyId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_" + suffix;
  }

  public static String render(Discovery.Result result, Instant at) {
    Proposal p = result.proposal();
    String nl = "\n";
    StringBuilder out = new StringBuilder();
    out.append("# Proposed by kb4sync companies discover at ").append(at).append(": ");
    out.append(p.matched().size()).append(" matched, ");
    out.append(p.ambiguous().size()).append(" ambiguous (commented out below).").append(nl);
    out.append("# Review every entry, set the environment variables each one names (the company's")
        .append(nl);
    out.append(
            "# KnowBe4 SCIM Tenant URL and token), then paste the entries under companies: of the")
        .append(nl);
    out.append("# configuration. The Microsoft 365 credential comes from defaults.m365.")
        .append(nl);
    out.append("companies:");
    out.append(p.matched().isEmpty() ? " []" : "").append(nl);
    for (Proposal.Match m : p.matched()) {
      String id = m.company().id();
      out.append("  # matched by ")
          .append(
              m.by() == Proposal.By.TENANT_ID
                  ? "domain " + String.join(", ", m.company().domains())
                  : "name")
          .append(m.displayName() == null ? "" : "; Microsoft calls it " + comment(m.displayName()))
          .append(m.partnerCustomer() ? "" : "; not among the GDAP customers")
          .append(nl);
      out.append("  - company_id: ").append(quotedName(id)).append(nl);
      out.append("    name: ").append(quotedName(m.company().name())).append(nl);
      out.append("    m365: { tenant_id: ").append(quoted(m.tenantId())).append(" }").append(nl);
      out.append("    knowbe4:").append(nl);
      out.append("      scim_url: ")
          .append(quoted("${env:" + envName(id, "SCIM_URL") + "}"))
          .append(nl);
      out.append("      scim_token: ")
          .append(quoted("${env:" + envName(id, "SCIM_TOKEN") + "}"))
          .append(nl);
    }
    if (!p.ambiguous().isEmpty()) {
      out.append(nl)
          .append("# Ambiguous: nothing chosen. Once you know a company's tenant, add it by hand")
          .append(nl);
      out.append("# with that m365.tenant_id (or add it without, then: kb4sync companies map).")
          .append(nl);
      for (Proposal.Ambiguity a : p.ambiguous()) {
        out.append("#  - ")
            .append(
                a.companies().stream()
                    .map(c -> "company " + c.id() + " " + comment(c.name()))
                    .collect(Collectors.joining(" and ")))
            .append(": ")
            .append(a.reason())
            .append(" - ")
            .append(
                a.tenants().stream().map(CompaniesYaml::tenant).collect(Collectors.joining(", ")))
            .append(nl);
      }
    }
    return out.toString();
  }

  private static String tenant(PartnerCustomer customer) {
    return customer.displayName().isEmpty()
        ? customer.tenantId()
        : customer.tenantId() + " " + comment(customer.displayName());
  }

  /** A name inside a comment: on one line, in double quotes. */
  private static String comment(String text) {
    return "\"" + DiscoveryTable.oneLine(text).replace("\"", "'") + "\"";
  }

  /**
   * A double-quoted YAML scalar. A {@code ${} in a PSA name is written {@code $ {}: the
   * configuration loader would otherwise read it as a reference.
   */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    String value = text == null ? "" : text;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** {@link #quoted} for a PSA's text: a reference-like {@code ${} is broken first. */
  static String quotedName(String text) {
    return quoted(text == null ? "" : text.replace("${", "$ {"));
  }
}
