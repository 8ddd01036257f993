package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.knowbe4.UserSeed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The request budget of a sync with nothing to do: at most the Graph read bound (⌈N/100⌉ user pages
 * + token, organization, subscribedSkus, and the OpenID configuration document that gives the
 * tenant's GUID when tenant_id is a domain, as here) + the KnowBe4 read pages + 5 other requests,
 * and no write. (Issue 13 added the discovery document: +1 a read for a domain tenant_id, 0 for a
 * GUID; its other checks cost nothing on a no-op sync.) The benchmark (kb4sync-bench, {@code
 * docs/benchmarks/sync.md}) checks it at 10,000 users.
 */
class RequestBoundIT extends EndToEndTest {
  static final String D = "contoso.example";
  static final int USERS = 1_000;
  static final int GROUPS = 3;
  static final String[] DEPARTMENTS = {"Sales", "Engineering", "Finance"};

  @Test
  void a_no_op_sync_of_1000_users_read_through_scim_stays_within_the_bound_and_writes_nothing() {
    try (World world = agreeingCompany(USERS)) {
      assertNoOpWithinBound(world, config(world), USERS, scimPages(USERS));
    }
  }

  @Test
  void a_no_op_sync_of_1000_users_read_through_the_reporting_api_stays_within_the_bound() {
    try (World world = agreeingCompany(USERS)) {
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);

      assertNoOpWithinBound(world, config.writeTo(dir), USERS, reportingPages(USERS));
    }
  }

  @Test
  void a_no_op_sync_of_10000_users_read_through_the_reporting_api_stays_within_the_bound() {
    int users = 10_000;
    try (World world = agreeingCompany(users)) {
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);

      assertNoOpWithinBound(world, config.writeTo(dir), users, reportingPages(users));
    }
  }

  /** SCIM: ⌈users/100⌉ user pages + ⌈groups/100⌉ group pages. */
  static long scimPages(int users) {
    return pages(users, 100) + pages(GROUPS, 100);
  }

  /**
   * Reporting pages end with an empty one: 1 account + active users (⌈users/500⌉+1) + archived
   * users (1, empty) + groups (⌈groups/500⌉+1). KnowBe4 is read once: no SCIM request (issue 14,
   * item 2), and exactly these.
   */
  static long reportingPages(int users) {
    return 1 + (pages(users, 500) + 1) + 1 + (pages(GROUPS, 500) + 1);
  }

  /** Two runs (matched by email, then by the stored link): both within the bound, no write. */
  private void assertNoOpWithinBound(World world, Path config, int users, long knowbe4ReadPages) {
    long graphBound = pages(users, 100) + 4;
    long bound = graphBound + knowbe4ReadPages + 5;
    for (String round : new String[] {"by email", "by stored link"}) {
      world.clearLogs();

      Run run = sync(world, config);

      assertThat(run.exitCode()).as("%s", run).isZero();
      assertThat(run.report().at("/sync_summary/users_matched").asInt()).isEqualTo(users);
      assertThat(world.writes()).as("writes of the no-op run matched %s", round).isZero();
      assertThat(world.graph.log().all().size())
          .as("Graph requests, matched %s", round)
          .isLessThanOrEqualTo((int) graphBound);
      assertThat(world.requests())
          .as(
              "requests, matched %s: Graph %s, KnowBe4 %s (%s answered 429)",
              round,
              world.graph.log().all().size(),
              world.knowbe4.log().all().size(),
              world.knowbe4.log().count(r -> r.status() == 429))
          .isLessThanOrEqualTo(bound);
      assertThat(world.knowbe4.log().all())
          .as("KnowBe4 requests, matched %s", round)
          .hasSize((int) knowbe4ReadPages);
      assertThat(world.knowbe4.log().count(r -> r.status() == 429)).isZero();
    }
  }

  /** Licensed users, and a KnowBe4 account that agrees in every attribute and group. */
  static World agreeingCompany(int users) {
    World world =
        World.start(
            t ->
                t.users(
                    users,
                    n -> person("user" + n + "@" + D, "User", "Number" + n, DEPARTMENTS[n % 3])));
    for (int n = 0; n < users; n++) {
      String department = DEPARTMENTS[n % 3];
      UserSeed seed =
          UserSeed.of("user" + n + "@" + D)
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

  static long pages(long count, long pageSize) {
    return Math.max(1, (count + pageSize - 1) / pageSize);
  }
}
