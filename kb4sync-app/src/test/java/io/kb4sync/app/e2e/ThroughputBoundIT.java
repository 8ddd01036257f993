package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Request bounds of issue 14 that hold whatever the machine's speed (times are measured by {@code
 * kb4sync-bench}'s BaselineBenchmark, never asserted): an initial sync's requests per created user,
 * and {@code --all-companies} reading each company exactly once, however many run at once.
 */
class ThroughputBoundIT extends EndToEndTest {
  private static final String[] DEPARTMENTS = {"Sales", "Engineering", "Finance"};

  @Test
  void
      an_initial_sync_of_2000_users_makes_at_most_2100_knowbe4_requests_and_no_second_write_each() {
    int users = 2_000;
    int managers = users / 100;
    try (World world =
        World.start(
            t ->
                t.users(
                    users,
                    n ->
                        person(
                                "user" + n + "@contoso.example",
                                "User",
                                "Number" + n,
                                DEPARTMENTS[n % 3])
                            .andThen(
                                u ->
                                    u.manager(
                                        n < managers
                                            ? null
                                            : "user" + (n % managers) + "@contoso.example"))))) {
      Run run = sync(world, config(world));

      assertThat(run.exitCode()).as("%s", run).isZero();
      assertThat(run.report().at("/sync_summary/users_created").asInt()).isEqualTo(users);
      // 2 reads + 3 groups + 2,000 creates (each with its manager) + 34 member PATCHes of <= 100.
      assertThat(world.knowbe4.log().all()).hasSizeLessThanOrEqualTo(2_100);
      assertThat(
              world
                  .knowbe4
                  .log()
                  .count(r -> r.method().equals("PATCH") && r.path().contains("/Users/")))
          .as("users patched after their create")
          .isZero();
      assertThat(world.knowbe4.log().count(r -> r.status() == 429)).isZero();
      assertThat(world.knowbe4.maxConcurrentWrites()).isLessThanOrEqualTo(8);
      assertThat(
              world.knowbe4.findByEmail("user1234@contoso.example").orElseThrow().managerScimId())
          .isEqualTo(world.knowbe4.findByEmail("user14@contoso.example").orElseThrow().scimId());
    }
  }

  @Test
  void a_no_op_of_5000_users_reads_51_scim_pages_and_53_graph_pages_and_writes_nothing() {
    try (World world = agreeingCompany("contoso", 5_000)) {
      Config config = Config.create();
      // The tenant's GUID, as the issue's figure assumes (a domain costs one OpenID read more).
      config.company(COMPANY, world).m365.put("tenant_id", world.tenant.tenantId());

      Run run = sync(world, config.writeTo(dir));

      assertThat(run.exitCode()).as("%s", run).isZero();
      // 50 user pages of 100 + 1 group page; Graph: 50 user pages + token, organization, SKUs.
      assertThat(world.knowbe4.log().all()).hasSize(51);
      assertThat(world.graph.log().all()).hasSize(50 + 3);
      assertThat(world.writes()).isZero();
      assertThat(world.knowbe4.log().count(r -> r.status() == 429)).isZero();
    }
  }

  @Test
  void a_no_op_of_5000_users_with_a_reporting_key_makes_15_knowbe4_requests_and_no_429() {
    try (World world = agreeingCompany("contoso", 5_000)) {
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);

      Run run = sync(world, config.writeTo(dir));

      assertThat(run.exitCode()).as("%s", run).isZero();
      // 1 account + 11 pages of active users (10 of 500, then the empty one that ends them) + 1
      // of archived users + 2 of groups; no SCIM request (KnowBe4 is read once).
      assertThat(world.knowbe4.log().all()).hasSize(15);
      assertThat(world.knowbe4.log().count(r -> r.path().startsWith("/scim/"))).isZero();
      assertThat(world.knowbe4.log().count(r -> r.status() == 429)).isZero();
      assertThat(world.knowbe4.log().mostWithin(java.time.Duration.ofSeconds(1), r -> true))
          .isLessThanOrEqualTo(4);
      assertThat(world.writes()).isZero();
    }
  }

  @Test
  void all_companies_reads_each_of_20_companies_once_with_8_at_a_time_and_writes_nothing() {
    int companies = 20;
    int users = 150;
    List<World> worlds = new ArrayList<>();
    try {
      Config config = Config.create().parallelCompanies(8);
      for (int c = 0; c < companies; c++) {
        World world = agreeingCompany("co" + c, users);
        worlds.add(world);
        config.company(Integer.toString(2001 + c), world);
      }
      Path file = config.writeTo(dir);

      Run run =
          kb4sync(worlds.toArray(World[]::new))
              .run("sync", "--config", file.toString(), "--all-companies");

      assertThat(run.exitCode()).as("%s", run).isZero();
      assertThat(run.reports()).hasSize(companies);
      for (World world : worlds) {
        // Token, the OpenID document (tenant_id is a domain here), organization, subscribedSkus
        // and ⌈150/100⌉ user pages; 2 SCIM user pages and 1 group page: as for one company alone.
        assertThat(world.graph.log().all()).as(world.name).hasSize(4 + 2);
        assertThat(world.knowbe4.log().all()).as(world.name).hasSize(2 + 1);
        assertThat(world.writes()).as(world.name).isZero();
        assertThat(world.knowbe4.log().count(r -> r.status() == 429)).isZero();
      }
    } finally {
      worlds.forEach(World::close);
    }
  }

  /** Licensed users, and a KnowBe4 account that agrees in every attribute and group. */
  private static World agreeingCompany(String name, int users) {
    String domain = name + ".example";
    Consumer<GraphTenant.Builder> tenant =
        t ->
            t.users(
                users,
                n -> person("user" + n + "@" + domain, "User", "Number" + n, DEPARTMENTS[n % 3]));
    World world = World.start(name, tenant);
    for (int n = 0; n < users; n++) {
      String department = DEPARTMENTS[n % 3];
      UserSeed seed =
          UserSeed.of("user" + n + "@" + domain)
              .named("User", "Number" + n)
              .department(department)
              .title("Clerk");
      world.knowbe4.seedUser(
          department.equals("Finance")
              ? seed.groups("All Users")
              : seed.groups("All Users", department + " Team"));
    }
    return world;
  }
}
