package io.kb4sync.app.dashboard;

import io.kb4sync.simulators.demo.DemoWorld;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code serve --demo}'s sample book: {@code kb4sync demo}'s Northwind Traders (new hires and
 * leavers, never run) beside three small companies on the same simulators — one clean, one whose
 * leavers exceed the archive guard (held archives), one whose credentials fail.
 */
public final class DemoBook implements AutoCloseable {
  /** One sample company: its tenant and KnowBe4 account. */
  public record Sample(
      String companyId,
      String name,
      String tenantDomain,
      String domain,
      String clientSecret,
      KnowBe4Simulator knowbe4) {}

  public static final String CLEAN = "2001";
  public static final String HELD = "2002";
  public static final String FAILING = "2003";

  /** The held company's leavers: more than its archive threshold (3). */
  public static final List<String> HELD_LEAVERS =
      List.of("ola.leaver", "per.leaver", "quin.leaver", "rae.leaver", "sol.leaver");

  private final DemoWorld world;
  private final Map<String, Sample> samples = new LinkedHashMap<>();

  private DemoBook(DemoWorld world) {
    this.world = world;
  }

  /** Starts the simulators with the sample companies. */
  public static DemoBook start() {
    DemoBook book = new DemoBook(DemoWorld.start());
    try {
      book.add(
          CLEAN,
          "Contoso Dental",
          "contoso",
          List.of("amy.adams", "bo.berg", "cy.cole", "di.dunn", "ed.eng"),
          List.of(),
          "contoso-secret");
      book.add(
          HELD,
          "Litware Legal",
          "litware",
          List.of("fay.fox", "gil.gray", "hal.hunt", "ida.ives"),
          HELD_LEAVERS,
          "litware-secret");
      book.add(
          FAILING,
          "Tailspin Toys",
          "tailspin",
          List.of("jo.jones", "kit.king", "lu.lane"),
          List.of(),
          "tailspin-secret");
    } catch (RuntimeException e) {
      book.close();
      throw e;
    }
    return book;
  }

  private void add(
      String id,
      String name,
      String slug,
      List<String> staff,
      List<String> leavers,
      String secret) {
    String domain = slug + ".example";
    String tenantDomain = slug + ".onmicrosoft.com";
    GraphTenant.Builder tenant =
        GraphTenant.builder(tenantDomain)
            .displayName(name)
            .clientId("0d6f3f6e-6a4e-4a59-9d6e-6f7a3b2c1d" + id.substring(2))
            .clientSecret(secret)
            .verifiedDomain(domain)
            .sku(DemoWorld.E3, "05e9a617-0261-4cee-bb44-138d3ef5d965");
    KnowBe4Simulator knowbe4 = KnowBe4Simulator.start();
    knowbe4.account(name, List.of(domain)).seats(50);
    for (String person : staff) {
      String[] names = names(person);
      String email = person + "@" + domain;
      tenant.user(
          u ->
              u.upn(person + "@" + tenantDomain)
                  .mail(email)
                  .proxyAddress("SMTP:" + email)
                  .name(names[0], names[1])
                  .license(DemoWorld.E3)
                  .department("Staff"));
      knowbe4.seedUser(UserSeed.of(email).named(names[0], names[1]).department("Staff"));
    }
    for (String leaver : leavers) {
      String[] names = names(leaver);
      knowbe4.seedUser(UserSeed.of(leaver + "@" + domain).named(names[0], names[1]));
    }
    world.graph().addTenant(tenant.build());
    samples.put(id, new Sample(id, name, tenantDomain, domain, secret, knowbe4));
  }

  private static String[] names(String local) {
    String[] parts = local.split("\\.");
    return new String[] {capital(parts[0]), capital(parts[1])};
  }

  private static String capital(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  public DemoWorld northwind() {
    return world;
  }

  public Sample sample(String companyId) {
    return samples.get(companyId);
  }

  /** The tenant of a sample company, to change between runs. */
  public GraphTenant tenant(String companyId) {
    return world.graph().tenant(samples.get(companyId).tenantDomain());
  }

  /** The configuration of the book; secrets come from the environment ({@link #secrets()}). */
  public String config(String stateUrl) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by `kb4sync serve --demo`: sample companies against the simulators.\n");
    yaml.append("state: \"").append(stateUrl).append("\"\n");
    yaml.append("defaults:\n  schedule: { sync: \"0 3 * * *\", audit: \"off\" }\n");
    yaml.append("companies:\n");
    company(
        yaml,
        DemoWorld.COMPANY_ID,
        DemoWorld.COMPANY_NAME,
        DemoWorld.TENANT,
        DemoWorld.CLIENT_ID,
        "NORTHWIND",
        world.knowbe4(),
        "knowbe4_sync_license_filter: [\""
            + DemoWorld.E3
            + "\", \""
            + DemoWorld.BUSINESS_PREMIUM
            + "\"]\n      knowbe4_default_group: \"All Users\"\n"
            + "      knowbe4_department_group_mapping: { \"Sales\": \"Sales Team\","
            + " \"Engineering\": \"Engineering Team\" }\n      knowbe4_remove_stale_users: true");
    for (Sample s : samples.values()) {
      company(
          yaml,
          s.companyId(),
          s.name(),
          s.tenantDomain(),
          world.graph().tenant(s.tenantDomain()).clientId(),
          "C" + s.companyId(),
          s.knowbe4(),
          "knowbe4_sync_license_filter: [\""
              + DemoWorld.E3
              + "\"]\n      knowbe4_remove_stale_users: true\n"
              + "      knowbe4_archive_threshold_count: 3\n"
              + "      knowbe4_archive_threshold_percent: 10");
    }
    return yaml.toString();
  }

  private void company(
      StringBuilder yaml,
      String id,
      String name,
      String tenant,
      String clientId,
      String prefix,
      KnowBe4Simulator knowbe4,
      String variables) {
    yaml.append("  - company_id: \"").append(id).append("\"\n");
    yaml.append("    name: \"").append(name).append("\"\n");
    yaml.append("    m365:\n");
    yaml.append("      tenant_id: \"").append(tenant).append("\"\n");
    yaml.append("      client_id: \"").append(clientId).append("\"\n");
    yaml.append("      client_secret: \"${env:KB4SYNC_DEMO_").append(prefix).append("_SECRET}\"\n");
    yaml.append("      graph_url: \"").append(world.graph().baseUri()).append("\"\n");
    yaml.append("      login_url: \"").append(world.graph().baseUri()).append("\"\n");
    yaml.append("    knowbe4:\n      region: us\n");
    yaml.append("      scim_url: \"").append(knowbe4.scimUrl()).append("\"\n");
    yaml.append("      scim_token: \"${env:KB4SYNC_DEMO_").append(prefix).append("_SCIM}\"\n");
    yaml.append("    variables:\n      ").append(variables).append("\n");
  }

  /**
   * The secrets the configuration reads from the environment. The failing company's client secret
   * is wrong on purpose: its sign-in to Microsoft 365 fails.
   */
  public Map<String, String> secrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("KB4SYNC_DEMO_NORTHWIND_SECRET", DemoWorld.CLIENT_SECRET);
    secrets.put("KB4SYNC_DEMO_NORTHWIND_SCIM", world.knowbe4().scimToken());
    for (Sample s : samples.values()) {
      secrets.put(
          "KB4SYNC_DEMO_C" + s.companyId() + "_SECRET",
          s.companyId().equals(FAILING) ? "not-the-secret" : s.clientSecret());
      secrets.put("KB4SYNC_DEMO_C" + s.companyId() + "_SCIM", s.knowbe4().scimToken());
    }
    return secrets;
  }

  /** The companies a first real sync runs for at start: all but Northwind (left never run). */
  public List<String> firstSyncs() {
    return new ArrayList<>(samples.keySet());
  }

  @Override
  public void close() {
    for (Sample s : samples.values()) {
      s.knowbe4().close();
    }
    world.close();
  }
}
