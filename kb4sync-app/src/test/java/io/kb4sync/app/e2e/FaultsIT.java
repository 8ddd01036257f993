package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Throttling and unavailability on both sides, seeded: the retries hide them, the end state is the
 * one a calm run reaches, and no user exists twice.
 */
class FaultsIT extends EndToEndTest {
  static final String D = "contoso.example";
  static final int STAYERS = 12;
  static final int NEWCOMERS = 24;
  static final int LEAVERS = 3;
  static final int UNLICENSED = 600;

  @Test
  void
      ten_percent_429_and_five_percent_503_on_both_sides_reach_the_expected_state_without_duplicates() {
    try (World world =
        World.start(
            t -> {
              t.users(
                  STAYERS,
                  n ->
                      person(
                          "stay" + n + "@" + D,
                          "Stay",
                          "Er" + n,
                          n % 2 == 0 ? "Sales" : "Engineering"));
              t.users(NEWCOMERS, n -> person("new" + n + "@" + D, "New", "Comer" + n, "Sales"));
              // Unlicensed accounts (shared mailboxes, rooms): Graph pages through them too.
              t.users(
                  UNLICENSED,
                  n -> u -> u.upn("mailbox" + n + "@" + D).mail("mailbox" + n + "@" + D));
            })) {
      for (int n = 0; n < STAYERS; n++) {
        // Stale attributes: every stayer needs an update.
        world.knowbe4.seedUser(UserSeed.of("stay" + n + "@" + D).named("Stay", "Old" + n));
      }
      for (int n = 0; n < LEAVERS; n++) {
        world.knowbe4.seedUser(UserSeed.of("leaver" + n + "@" + D).named("Leav", "Er" + n));
      }
      // With uniqueness off, the server would accept a second create of the same userName: only
      // kb4sync's own duplicate protection stands between a retried create and a duplicate.
      world.knowbe4.uniqueUserNames(false);
      // Graph reads one request after the other, so its seed fixes which requests fail: with this
      // one the first users page gets a 503, and its first retry a 429.
      world.graph.faults(new Faults(20261161).throttle(0.10).unavailable(0.05));
      world.knowbe4.faults(new Faults(20261201).throttle(0.10).unavailable(0.05));
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);
      Path file = config.writeTo(dir);

      Run run = sync(world, file);

      assertThat(run.exitCode()).as("%s", run).isZero();
      JsonNode report = run.report();
      assertThat(report.at("/errors")).isEmpty();
      assertThat(report.at("/sync_summary/users_created").asInt()).isEqualTo(NEWCOMERS);
      assertThat(report.at("/sync_summary/users_updated").asInt()).isEqualTo(STAYERS);
      assertThat(report.at("/sync_summary/users_archived").asInt()).isEqualTo(LEAVERS);
      assertThat(faulted(world.graph.log().all())).as("faults Graph answered").isPositive();
      assertThat(faulted(world.knowbe4.log().all())).as("faults KnowBe4 answered").isPositive();
      assertExpectedState(world);

      // A calm run afterwards finds nothing left to do.
      world.graph.faults(Faults.none());
      world.knowbe4.faults(Faults.none());
      world.clearLogs();
      Run calm = sync(world, file);
      assertThat(calm.exitCode()).as("%s", calm).isZero();
      assertThat(world.writes()).as("writes of the calm run").isZero();
    }
  }

  @Test
  void knowbe4_writes_that_fail_after_being_applied_are_not_repeated_into_duplicates() {
    try (World world =
        World.start(
            t -> {
              t.users(
                  STAYERS,
                  n ->
                      person(
                          "stay" + n + "@" + D,
                          "Stay",
                          "Er" + n,
                          n % 2 == 0 ? "Sales" : "Engineering"));
              t.users(NEWCOMERS, n -> person("new" + n + "@" + D, "New", "Comer" + n, "Sales"));
            })) {
      for (int n = 0; n < STAYERS; n++) {
        world.knowbe4.seedUser(UserSeed.of("stay" + n + "@" + D).named("Stay", "Old" + n));
      }
      for (int n = 0; n < LEAVERS; n++) {
        world.knowbe4.seedUser(UserSeed.of("leaver" + n + "@" + D).named("Leav", "Er" + n));
      }
      world.knowbe4.uniqueUserNames(false);
      // The server does the work, then answers 500: the client cannot know whether its write
      // happened, and must look before it sends a create again.
      world.knowbe4.faults(new Faults(20261202).failAfterApply(0.15));
      Path file = config(world);

      Run run = sync(world, file);

      assertThat(run.exitCode()).as("%s", run).isZero();
      assertThat(run.report().at("/errors")).isEmpty();
      assertThat(world.knowbe4.log().count(r -> r.status() == 500))
          .as("500s answered")
          .isPositive();
      assertExpectedState(world);
    }
  }

  private static void assertExpectedState(World world) {
    List<String> expected = new ArrayList<>();
    List<String> sales = new ArrayList<>();
    List<String> engineering = new ArrayList<>();
    for (int n = 0; n < STAYERS; n++) {
      expected.add("stay" + n + "@" + D);
      (n % 2 == 0 ? sales : engineering).add("stay" + n + "@" + D);
    }
    for (int n = 0; n < NEWCOMERS; n++) {
      expected.add("new" + n + "@" + D);
      sales.add("new" + n + "@" + D);
    }
    assertThat(world.knowbe4.users())
        .extracting(UserView::email)
        .as("every KnowBe4 user, once")
        .doesNotHaveDuplicates()
        .hasSize(STAYERS + NEWCOMERS + LEAVERS);
    assertThat(world.knowbe4.activeUsers())
        .extracting(UserView::email)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(world.knowbe4.activeUsers())
        .allSatisfy(u -> assertThat(u.title()).isEqualTo("Clerk"));
    assertThat(world.knowbe4.findByEmail("stay3@" + D).orElseThrow().familyName()).isEqualTo("Er3");
    assertThat(world.knowbe4.groups()).extracting(g -> g.displayName()).doesNotHaveDuplicates();
    assertThat(SyncEndToEndIT.members(world, "All Users"))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(SyncEndToEndIT.members(world, "Sales Team"))
        .containsExactlyInAnyOrderElementsOf(sales);
    assertThat(SyncEndToEndIT.members(world, "Engineering Team"))
        .containsExactlyInAnyOrderElementsOf(engineering);
  }

  private static long faulted(List<io.kb4sync.simulators.http.LoggedRequest> log) {
    return log.stream().filter(r -> r.status() == 429 || r.status() == 503).count();
  }
}
