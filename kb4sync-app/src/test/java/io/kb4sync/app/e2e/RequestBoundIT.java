package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.knowbe4.UserSeed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The request budget of a sync with nothing to do: at most the Graph read bound (⌈N/100⌉ user pages
 * + token, organization, subscribedSkus) + the KnowBe4 read pages + 5 other requests, and no write.
 * The benchmark (kb4sync-bench, {@code docs/benchmarks/sync.md}) checks it at 10,000 users.
 */
class RequestBoundIT extends EndToEndTest {
  static final String D = "contoso.example";
  static final int USERS = 1_000;
  static final String[] DEPARTMENTS = {"Sales", "Engineering", "Finance"};

  @Test
  void a_no_op_sync_of_1000_users_stays_within_the_read_bound_and_writes_nothing() {
    try (World world =
        World.start(
            t ->
                t.users(
                    USERS,
                    n -> person("user" + n + "@" + D, "User", "Number" + n, DEPARTMENTS[n % 3])))) {
      // KnowBe4 already agrees with Microsoft 365 in every attribute and group.
      for (int n = 0; n < USERS; n++) {
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
      Path config = config(world);
      long groups = 3;
      long graphBound = ceil(USERS, 100) + 3;
      long knowbe4ReadPages = ceil(USERS, 100) + ceil(groups, 100);
      long bound = graphBound + knowbe4ReadPages + 5;

      // First run: matched by email, links not yet stored; second run: matched by stored link.
      for (String round : new String[] {"by email", "by stored link"}) {
        world.clearLogs();

        Run run = sync(world, config);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.report().at("/sync_summary/users_matched").asInt()).isEqualTo(USERS);
        assertThat(world.writes()).as("writes of the no-op run matched %s", round).isZero();
        assertThat(world.graph.log().all().size())
            .as("Graph requests, matched %s", round)
            .isLessThanOrEqualTo((int) graphBound);
        assertThat(world.requests())
            .as(
                "requests, matched %s: Graph %s, KnowBe4 %s",
                round, world.graph.log().all().size(), world.knowbe4.log().all().size())
            .isLessThanOrEqualTo(bound);
      }
    }
  }

  static long ceil(long count, long pageSize) {
    return Math.max(1, (count + pageSize - 1) / pageSize);
  }
}
