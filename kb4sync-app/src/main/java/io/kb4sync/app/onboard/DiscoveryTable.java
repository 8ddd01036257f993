package io.kb4sync.app.onboard;

import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.onboard.Proposal;
import io.kb4sync.core.onboard.PsaCompany;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code kb4sync companies discover} on stdout for a technician: one section per outcome (matched,
 * ambiguous, PSA-only, tenant-only, already configured, skipped), each a small table, then one line
 * of counts. Names are printed on one line (control characters become spaces).
 */
public final class DiscoveryTable {
  private DiscoveryTable() {}

  public static String render(Discovery.Result result) {
    Proposal p = result.proposal();
    StringBuilder out = new StringBuilder();
    section(
        out,
        "MATCHED",
        "propose these",
        List.of("COMPANY", "NAME", "TENANT", "TENANT NAME", "BY"),
        p.matched().stream()
            .map(
                m ->
                    List.of(
                        m.company().id(),
                        m.company().name(),
                        m.tenantId(),
                        m.displayName() == null ? "(no GDAP customer)" : m.displayName(),
                        m.by() == Proposal.By.TENANT_ID
                            ? "domain " + String.join(", ", m.company().domains())
                            : "name"))
            .toList());
    section(
        out,
        "AMBIGUOUS",
        "nothing chosen: map these by hand",
        List.of("COMPANIES", "TENANTS", "WHY"),
        p.ambiguous().stream()
            .map(
                a ->
                    List.of(
                        a.companies().stream()
                            .map(c -> c.id() + " " + c.name())
                            .collect(Collectors.joining("; ")),
                        a.tenants().stream()
                            .map(DiscoveryTable::tenant)
                            .collect(Collectors.joining("; ")),
                        a.reason()))
            .toList());
    section(
        out,
        "PSA-ONLY",
        "active PSA companies with no tenant found",
        List.of("COMPANY", "NAME", "DOMAINS"),
        p.psaOnly().stream().map(c -> List.of(c.id(), c.name(), domains(c))).toList());
    section(
        out,
        "TENANT-ONLY",
        "GDAP customers no PSA company claims",
        List.of("TENANT", "NAME"),
        p.tenantOnly().stream().map(t -> List.of(t.tenantId(), t.displayName())).toList());
    section(
        out,
        "ALREADY CONFIGURED",
        "in the configuration or mapped in the state store",
        List.of("COMPANY", "NAME", "TENANT"),
        p.alreadyConfigured().stream()
            .map(
                c ->
                    List.of(
                        c.companyId(), c.name(), c.tenantId() == null ? "(none)" : c.tenantId()))
            .toList());
    section(
        out,
        "SKIPPED",
        "the MSP itself (" + result.partnerTenantId() + ") and inactive PSA companies",
        List.of("COMPANY", "TENANT", "NAME", "WHY"),
        p.skipped().stream()
            .map(
                s ->
                    List.of(
                        s.companyId() == null ? "-" : s.companyId(),
                        s.tenantId() == null ? "-" : s.tenantId(),
                        s.name(),
                        s.reason()))
            .toList());
    out.append(
        String.format(
            "%d matched, %d ambiguous, %d PSA-only, %d tenant-only, %d already configured,"
                + " %d skipped.%n",
            p.matched().size(),
            p.ambiguous().size(),
            p.psaOnly().size(),
            p.tenantOnly().size(),
            p.alreadyConfigured().size(),
            p.skipped().size()));
    return out.toString();
  }

  private static String tenant(PartnerCustomer customer) {
    return customer.displayName().isEmpty()
        ? customer.tenantId()
        : customer.tenantId() + " (" + customer.displayName() + ")";
  }

  private static String domains(PsaCompany company) {
    return company.domains().isEmpty() ? "(none)" : String.join(", ", company.domains());
  }

  private static void section(
      StringBuilder out, String title, String about, List<String> header, List<List<String>> rows) {
    out.append(title).append(" (").append(rows.size()).append("): ").append(about);
    out.append(System.lineSeparator());
    if (rows.isEmpty()) {
      out.append("  (none)").append(System.lineSeparator()).append(System.lineSeparator());
      return;
    }
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    rows.forEach(row -> all.add(row.stream().map(DiscoveryTable::oneLine).toList()));
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    out.append(System.lineSeparator());
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
