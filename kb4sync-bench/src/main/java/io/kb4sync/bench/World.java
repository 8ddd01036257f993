package io.kb4sync.bench;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The companies {@link BaselineBenchmark} syncs: company {@code n} has a tenant of {@code users}
 * licensed ({@code SPE_E3}) enabled members in 6 departments, each mapped to a group, plus the
 * default group {@code All Users}; one manager per 100 users (at least one); stale users archived.
 * Its KnowBe4 account is empty, or seeded in agreement with the tenant (a no-op sync).
 */
final class World {
  static final String SKU = "SPE_E3";
  static final String SKU_ID = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  static final String SECRET = "bench-m365-client-secret";
  static final String TOKEN = "bench-kb4-scim-token";
  static final String KEY = "bench-kb4-reporting-key";
  static final String[] DEPARTMENTS = {
    "Sales", "Engineering", "Finance", "Support", "Marketing", "Operations"
  };

  private final int users;

  World(int users) {
    this.users = users;
  }

  int users() {
    return users;
  }

  int managers() {
    return Math.max(1, users / 100);
  }

  static String companyId(int company) {
    return Integer.toString(1001 + company);
  }

  static String domain(int company) {
    return "c" + company + ".bench.example";
  }

  String email(int company, int n) {
    return "user" + n + "@" + domain(company);
  }

  GraphTenant tenant(int company) {
    int managers = managers();
    return GraphTenant.builder("c" + company + "-bench.onmicrosoft.com")
        .clientSecret(SECRET)
        .verifiedDomain(domain(company))
        .sku(SKU, SKU_ID)
        .users(
            users,
            n ->
                u ->
                    u.upn(email(company, n))
                        .mail(email(company, n))
                        .name("User", "Number" + n)
                        .department(DEPARTMENTS[n % DEPARTMENTS.length])
                        .jobTitle("Clerk")
                        .license(SKU)
                        .manager(n < managers ? null : email(company, n % managers)))
        .build();
  }

  /** An empty account, or (seeded) one that agrees with the tenant in every synced attribute. */
  KnowBe4Simulator account(int company, boolean seeded) {
    KnowBe4Simulator knowbe4 = KnowBe4Simulator.start(TOKEN, KEY);
    knowbe4.seats(users * 2).account("Bench " + company, List.of(domain(company)));
    if (seeded) {
      int managers = managers();
      for (int n = 0; n < users; n++) {
        String department = DEPARTMENTS[n % DEPARTMENTS.length];
        UserSeed seed =
            UserSeed.of(email(company, n))
                .named("User", "Number" + n)
                .department(department)
                .title("Clerk")
                .groups("All Users", department + " Team");
        knowbe4.seedUser(n < managers ? seed : seed.manager(email(company, n % managers)));
      }
    }
    return knowbe4;
  }

  /**
   * The configuration file of these companies.
   *
   * @param accounts the KnowBe4 account of company n at index n
   */
  static Path config(
      Path folder,
      List<GraphTenant> tenants,
      GraphSimulator graph,
      List<KnowBe4Simulator> accounts,
      int writeConcurrency,
      int parallelCompanies,
      boolean reporting)
      throws IOException {
    StringBuilder mapping = new StringBuilder();
    for (String department : DEPARTMENTS) {
      mapping.append(mapping.length() == 0 ? "" : ", ");
      mapping.append('"').append(department).append("\": \"").append(department).append(" Team\"");
    }
    StringBuilder yaml = new StringBuilder();
    yaml.append("state: \"sqlite:./state/bench-state.db\"\n")
        .append("parallel_companies: ")
        .append(parallelCompanies)
        .append('\n')
        .append("defaults:\n  variables:\n")
        .append("    knowbe4_sync_license_filter: [\"")
        .append(SKU)
        .append("\"]\n")
        .append("    knowbe4_default_group: \"All Users\"\n")
        .append("    knowbe4_department_group_mapping: { ")
        .append(mapping)
        .append(" }\n")
        .append("    knowbe4_remove_stale_users: true\n")
        .append("companies:\n");
    for (int n = 0; n < tenants.size(); n++) {
      GraphTenant tenant = tenants.get(n);
      KnowBe4Simulator knowbe4 = accounts.get(n);
      // The tenant GUID, as configurations carry it (a domain costs one more read: its GUID).
      yaml.append("  - company_id: \"")
          .append(companyId(n))
          .append("\"\n    name: \"Bench ")
          .append(n)
          .append("\"\n    m365:\n      tenant_id: \"")
          .append(tenant.tenantId())
          .append("\"\n      client_id: \"")
          .append(tenant.clientId())
          .append("\"\n      client_secret: \"${env:BENCH_M365_SECRET}\"\n      graph_url: \"")
          .append(graph.baseUri())
          .append("\"\n      login_url: \"")
          .append(graph.baseUri())
          .append("\"\n    knowbe4:\n      scim_url: \"")
          .append(knowbe4.scimUrl())
          .append("\"\n      scim_token: \"${env:BENCH_KB4_SCIM_TOKEN}\"\n");
      if (reporting) {
        yaml.append("      reporting_url: \"")
            .append(knowbe4.reportingUrl())
            .append("\"\n      reporting_api_key: \"${env:BENCH_KB4_REPORTING_KEY}\"\n");
      }
      yaml.append("      write_concurrency: ").append(writeConcurrency).append('\n');
    }
    Files.createDirectories(folder);
    Path file = folder.resolve("kb4sync.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
