package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.knowbe4.UserView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * A run that is killed half-way, and a run that starts while another holds the company: the lock
 * keeps them apart, dies with its process, and the next run finishes the work without duplicates.
 */
class InterruptedSyncIT extends EndToEndTest {
  static final String D = "contoso.example";

  /** {@code users} licensed newcomers, and a KnowBe4 account whose writes take {@code delay}. */
  static World slowCompany(int users, Duration delay) {
    World world =
        World.start(
            t -> t.users(users, n -> person("user" + n + "@" + D, "User", "Number" + n, "Sales")));
    world.knowbe4.writeDelay(delay);
    // Only kb4sync's own care can then keep a user from being created twice.
    world.knowbe4.uniqueUserNames(false);
    return world;
  }

  Path slowConfig(World world) {
    Config config = Config.create();
    config.company(COMPANY, world).writeConcurrency(2);
    return config.writeTo(dir);
  }

  @Test
  void a_second_sync_of_the_same_company_is_refused_with_exit_1_while_the_first_runs() {
    // The first run's writes are held by the server until the second run has ended: the first,
    // waiting on its first write, still holds the lock then, however long the second JVM takes to
    // start on a loaded machine (about 6 s of writing need not be enough).
    try (World world = slowCompany(300, Duration.ofMillis(40))) {
      Path config = slowConfig(world);
      Run second;
      long graphRequests;
      Kb4syncJar.Started first;
      try (SimServer.Hold writes = world.knowbe4.holdWrites()) {
        first = kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
        waitFor(first, writes::waiting, 1);
        graphRequests = world.graph.log().all().size();

        second = sync(world, config);

        assertThat(first.isAlive()).as("the first run, its writes held, ended").isTrue();
      }
      assertThat(second.exitCode()).as("%s", second).isEqualTo(1);
      JsonNode refused = second.report();
      assertThat(refused.at("/success").asBoolean()).isFalse();
      assertThat(refused.at("/errors/0/message").asText()).containsIgnoringCase("lock");
      assertThat(world.graph.log().all())
          .as("the refused run read nothing")
          .hasSize((int) graphRequests);

      Run firstRun = first.await();
      assertThat(firstRun.exitCode()).as("%s", firstRun).isZero();
      assertThat(firstRun.report().at("/sync_summary/users_created").asInt()).isEqualTo(300);
    }
  }

  @Test
  void a_sync_killed_after_n_writes_converges_on_the_next_run_without_duplicate_users() {
    int users = 300;
    int killAfter = 60;
    try (World world = slowCompany(users, Duration.ofMillis(30))) {
      Path config = slowConfig(world);
      Kb4syncJar.Started doomed =
          kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
      waitFor(doomed, () -> world.knowbe4.scimCreates(), killAfter);

      Run killed = doomed.kill();

      assertThat(killed.stdout()).as("a killed run prints no report").isEmpty();
      long created = settled(() -> world.knowbe4.scimCreates());
      assertThat(created).isBetween((long) killAfter, (long) users - 1);
      assertThat(world.knowbe4.groups())
          .as("killed during the creates: no membership written yet")
          .allSatisfy(g -> assertThat(g.memberEmails()).isEmpty());

      Run rerun = sync(world, config);

      assertThat(rerun.exitCode()).as("%s", rerun).isZero();
      JsonNode report = rerun.report();
      assertThat(report.at("/sync_summary/users_created").asLong()).isEqualTo(users - created);
      assertThat(report.at("/sync_summary/users_matched").asLong()).isEqualTo(created);
      assertThat(world.knowbe4.users())
          .extracting(UserView::email)
          .doesNotHaveDuplicates()
          .hasSize(users);
      assertThat(world.knowbe4.scimCreates()).isEqualTo(users);
      assertThat(world.knowbe4.maxConcurrentWrites()).as("writes in flight").isLessThanOrEqualTo(2);
      assertThat(SyncEndToEndIT.members(world, "All Users")).hasSize(users);
      assertThat(SyncEndToEndIT.members(world, "Sales Team")).hasSize(users);

      world.clearLogs();
      Run third = sync(world, config);
      assertThat(third.exitCode()).as("%s", third).isZero();
      assertThat(world.writes()).as("writes of a third run").isZero();
    }
  }

  @Test
  void a_sync_told_to_stop_reports_what_it_did_with_exit_3_and_the_next_run_adds_no_duplicate() {
    int users = 300;
    try (World world = slowCompany(users, Duration.ofMillis(30))) {
      Path config = slowConfig(world);
      Kb4syncJar.Started stopping =
          kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
      waitFor(stopping, () -> world.knowbe4.scimCreates(), 40);
      // The writes held while the signal arrives, so the run cannot have finished them meanwhile
      // however slow the machine; released a second later, the writes in flight finish and no
      // new one is sent.
      try (SimServer.Hold writes = world.knowbe4.holdWrites()) {
        waitFor(stopping, writes::waiting, 1);
        stopping.signal("TERM");
        pause(1_000);
      }

      Run stopped = stopping.await();

      assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(3);
      JsonNode report = stopped.report();
      assertThat(report.at("/outcome").asText()).isEqualTo("interrupted");
      long created = world.knowbe4.scimCreates();
      assertThat(created).isLessThan(users);
      assertThat(report.at("/sync_summary/users_created").asLong()).isEqualTo(created);
      assertThat(report.at("/errors/0/operation").asText()).isEqualTo("interrupted");
      assertThat(report.at("/errors/0/message").asText()).contains("told to stop");

      Run rerun = sync(world, config);

      assertThat(rerun.exitCode()).as("%s", rerun).isZero();
      assertThat(rerun.report().at("/sync_summary/users_created").asLong())
          .isEqualTo(users - created);
      assertThat(world.knowbe4.users())
          .extracting(UserView::email)
          .doesNotHaveDuplicates()
          .hasSize(users);
    }
  }

  @Test
  void a_sync_told_to_stop_while_it_reads_reports_at_once_that_nothing_was_written() {
    try (World world = slowCompany(20, Duration.ZERO)) {
      Path config = slowConfig(world);
      Run stopped;
      // Microsoft's answers held: the read waits (as it would retrying an unreachable tenant)
      // until the run is told to stop; it must not wait out its timeouts and retries.
      try (SimServer.Hold graph = world.graph.hold()) {
        Kb4syncJar.Started stopping =
            kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
        waitFor(stopping, graph::waiting, 1);

        stopped = stopping.terminate();
      }

      assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(1);
      JsonNode report = stopped.report();
      assertThat(report.at("/outcome").asText()).isEqualTo("failed");
      assertThat(report.at("/errors/0/operation").asText()).isEqualTo("stop");
      assertThat(report.at("/errors/0/message").asText())
          .contains("told to stop")
          .contains("nothing was written");
      assertThat(world.writes()).isZero();
    }
  }

  @Test
  void a_user_created_by_a_killed_run_and_renamed_before_the_next_run_is_updated_not_recreated() {
    try (World world = slowCompany(100, Duration.ofMillis(30))) {
      Path config = slowConfig(world);
      Kb4syncJar.Started doomed =
          kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
      waitFor(doomed, () -> world.knowbe4.scimCreates(), 20);
      doomed.kill();
      settled(() -> world.knowbe4.scimCreates());
      UserView created = world.knowbe4.users().get(0);
      String renamed = "renamed." + created.email();
      world.tenant.updateUser(created.email(), u -> u.upn(renamed).mail(renamed));

      Run rerun = sync(world, config);

      assertThat(rerun.exitCode()).as("%s", rerun).isZero();
      assertThat(rerun.report().at("/users_archived")).isEmpty();
      assertThat(world.knowbe4.users()).hasSize(100);
      UserView after = world.knowbe4.findByEmail(renamed).orElseThrow();
      assertThat(after.scimId()).isEqualTo(created.scimId());
      assertThat(after.active()).isTrue();
    }
  }

  /** Waits until {@code count} reaches {@code at least}, failing if the process ends first. */
  static void waitFor(Kb4syncJar.Started process, LongSupplier count, long atLeast) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (count.getAsLong() < atLeast) {
      if (!process.isAlive()) {
        fail(
            "kb4sync ended after %d of the %d writes waited for:%s",
            count.getAsLong(), atLeast, process.await());
      }
      if (System.nanoTime() > deadline) {
        fail(
            "kb4sync made %d of the %d writes waited for in 2 minutes", count.getAsLong(), atLeast);
      }
      pause(5);
    }
  }

  /** The count once it stopped moving: writes in flight at the kill still land on the server. */
  static long settled(LongSupplier count) {
    long last = count.getAsLong();
    for (int quiet = 0; quiet < 20; ) {
      pause(25);
      long now = count.getAsLong();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
    return last;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
