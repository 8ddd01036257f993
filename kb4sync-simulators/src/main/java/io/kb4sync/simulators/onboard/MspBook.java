package io.kb4sync.simulators.onboard;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.psa.AutotaskSimulator;
import io.kb4sync.simulators.psa.ConnectWiseSimulator;
import io.kb4sync.simulators.psa.HaloSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An MSP's book as {@code kb4sync companies discover} meets it: one Graph simulator serving the
 * MSP's own (partner) tenant with its GDAP customers and the customer tenants, all sharing one
 * multi-tenant app; and the same PSA companies for any of the three PSA simulators. The data holds
 * what real books hold:
 *
 * <ul>
 *   <li>a tenant whose name differs from the PSA's (Acme: found by its domain);
 *   <li>companies without a website (Müller, Fourth Coffee: found by name; diacritics, Ltd/Limited,
 *       GmbH);
 *   <li>the same name on two tenants (Tailspin Toys), one domain on two PSA companies (Wingtip
 *       Toys): ambiguous;
 *   <li>an inactive PSA company (Proseware), the MSP itself in its own PSA (Contoso MSP);
 *   <li>a PSA company with no tenant (Graphic Design Institute), a website no tenant has (Litware),
 *       a GDAP customer no PSA company claims (Blue Yonder Airlines), a domain of a tenant that is
 *       no GDAP customer (Fabrikam);
 *   <li>a tenant where the app is not consented (Northwind: AADSTS65001 at sign-in).
 * </ul>
 */
public final class MspBook implements AutoCloseable {
  /** The multi-tenant app registered in the MSP's tenant, consented in the customers'. */
  public static final String APP_CLIENT_ID = "3f5c1a52-6f8e-4a8e-9d55-7b1f0c2d9e11";

  /** The app's secret (a test value, distinctive so a leak is found by a plain search). */
  public static final String APP_SECRET = "MSPBOOK-SECRET-multi-tenant-app-9c41e7";

  /** The MSP's own tenant. */
  public static final String PARTNER = "contosomsp.onmicrosoft.com";

  /** A company in the PSA; {@code website} null when the PSA has none. */
  public record PsaCompany(long id, String name, boolean active, String website) {}

  /** The PSA's companies, the same whichever PSA serves them. */
  public static final List<PsaCompany> PSA_COMPANIES =
      List.of(
          new PsaCompany(1000, "Contoso MSP", true, "https://www.contoso-msp.example"),
          new PsaCompany(1001, "Acme Corp", true, "https://www.acme.example/"),
          new PsaCompany(1002, "Müller Maschinenbau GmbH", true, null),
          new PsaCompany(1003, "Fourth Coffee Ltd", true, null),
          new PsaCompany(1004, "Tailspin Toys", true, null),
          new PsaCompany(1005, "Wingtip Toys", true, "wingtiptoys.example"),
          new PsaCompany(1006, "Wingtip Toys (old record)", true, "https://wingtiptoys.example"),
          new PsaCompany(1007, "Proseware", false, "proseware.example"),
          new PsaCompany(1008, "Graphic Design Institute", true, null),
          new PsaCompany(1009, "Northwind Traders", true, "www.northwindtraders.example"),
          new PsaCompany(1010, "Fabrikam, Inc.", true, "http://fabrikam.example"),
          new PsaCompany(1011, "Litware", true, "https://litware.example"));

  private final GraphSimulator graph;
  private final GraphTenant partner;
  private final Map<String, GraphTenant> tenants;

  private MspBook(GraphSimulator graph, GraphTenant partner, Map<String, GraphTenant> tenants) {
    this.graph = graph;
    this.partner = partner;
    this.tenants = tenants;
  }

  /** The book with empty tenants. */
  public static MspBook start() {
    return start((name, tenant) -> {});
  }

  /**
   * The book; {@code customize} is called with each customer tenant's short name ({@code acme},
   * {@code mueller}, ...) and builder before it is built, e.g. to add SKUs and users.
   */
  public static MspBook start(BiConsumer<String, GraphTenant.Builder> customize) {
    Map<String, GraphTenant> tenants = new LinkedHashMap<>();
    tenants.put("acme", tenant("acme", "ACME Europe B.V.", "acme.example", customize));
    tenants.put("mueller", tenant("mueller", "Muller Maschinenbau", null, customize));
    tenants.put("fourthcoffee", tenant("fourthcoffee", "Fourth Coffee Limited", null, customize));
    tenants.put("tailspin", tenant("tailspin", "Tailspin Toys", null, customize));
    tenants.put("tailspinuk", tenant("tailspinuk", "Tailspin Toys Ltd", null, customize));
    tenants.put("wingtip", tenant("wingtip", "Wingtip Toys", "wingtiptoys.example", customize));
    tenants.put("proseware", tenant("proseware", "Proseware", "proseware.example", customize));
    tenants.put("blueyonder", tenant("blueyonder", "Blue Yonder Airlines", null, customize));
    tenants.put(
        "northwind",
        tenant(
            "northwind",
            "Northwind Traders",
            "northwindtraders.example",
            (name, builder) -> {
              builder.consentNotGranted();
              customize.accept(name, builder);
            }));
    tenants.put("fabrikam", tenant("fabrikam", "Fabrikam", "fabrikam.example", customize));

    GraphTenant.Builder msp =
        GraphTenant.builder(PARTNER)
            .displayName("Contoso MSP")
            .clientId(APP_CLIENT_ID)
            .clientSecret(APP_SECRET)
            .verifiedDomain("contoso-msp.example")
            .grant(GraphSimulator.PARTNER_PERMISSION);
    for (Map.Entry<String, GraphTenant> each : tenants.entrySet()) {
      if (!each.getKey().equals("fabrikam")) { // a tenant of a domain, not a GDAP customer
        msp.customer(each.getValue().tenantId(), each.getValue().displayName());
      }
    }
    GraphTenant partner = msp.build();
    // Microsoft lists the partner's own tenant among its customers in no documented case; a
    // defensive client skips it all the same, so the book lists it.
    partner.customer(partner.tenantId(), "Contoso MSP");
    GraphSimulator graph = GraphSimulator.start(partner);
    tenants.values().forEach(graph::addTenant);
    return new MspBook(graph, partner, tenants);
  }

  private static GraphTenant tenant(
      String name,
      String displayName,
      String domain,
      BiConsumer<String, GraphTenant.Builder> customize) {
    GraphTenant.Builder builder =
        GraphTenant.builder(name + ".onmicrosoft.com")
            .displayName(displayName)
            .clientId(APP_CLIENT_ID)
            .clientSecret(APP_SECRET);
    if (domain != null) {
      builder.verifiedDomain(domain);
    }
    customize.accept(name, builder);
    return builder.build();
  }

  public GraphSimulator graph() {
    return graph;
  }

  public GraphTenant partner() {
    return partner;
  }

  /** A customer tenant by its short name ({@code acme}, {@code northwind}, ...). */
  public GraphTenant tenant(String name) {
    GraphTenant tenant = tenants.get(name);
    if (tenant == null) {
      throw new IllegalArgumentException("no tenant " + name + " in the book");
    }
    return tenant;
  }

  /** The PSA's companies into a HaloPSA simulator (clients). */
  public static HaloSimulator companiesInto(HaloSimulator halo) {
    PSA_COMPANIES.forEach(c -> halo.client(c.id(), c.name(), !c.active(), c.website()));
    return halo;
  }

  /** The PSA's companies into a ConnectWise simulator (status Active or Inactive). */
  public static ConnectWiseSimulator companiesInto(ConnectWiseSimulator connectWise) {
    PSA_COMPANIES.forEach(
        c ->
            connectWise.company(c.id(), c.name(), c.active() ? "Active" : "Inactive", c.website()));
    return connectWise;
  }

  /** The PSA's companies into an Autotask simulator. */
  public static AutotaskSimulator companiesInto(AutotaskSimulator autotask) {
    PSA_COMPANIES.forEach(c -> autotask.company(c.id(), c.name(), c.active(), c.website()));
    return autotask;
  }

  @Override
  public void close() {
    graph.close();
  }
}
