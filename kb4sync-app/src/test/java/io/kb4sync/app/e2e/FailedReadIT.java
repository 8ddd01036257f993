package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.knowbe4.UserSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A side that stays down through every retry ends the run with exit 1 before anything is written.
 * Slow by nature (the production retry policy backs off for about a minute on Graph and half a
 * minute on KnowBe4), so the two tests run at the same time.
 */
@Execution(ExecutionMode.CONCURRENT)
class FailedReadIT extends EndToEndTest {
  static final String D = "contoso.example";

  static World company() {
    World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(person("bob@" + D, "Bob", "Baker", "Sales")));
    // Work is waiting: a create, an update and an archive, if only the reads succeeded.
    world.knowbe4.seedUser(UserSeed.of("ann@" + D).named("Ann", "Old"));
    world.knowbe4.seedUser(UserSeed.of("leaver@" + D));
    return world;
  }

  @Test
  void microsoft_graph_down_after_retries_exits_1_and_writes_nothing() {
    try (World world = company()) {
      world.graph.faults(new Faults(1).down(true));

      Run run = sync(world, config(world));

      assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
      JsonNode report = run.report();
      assertThat(report.at("/success").asBoolean()).isFalse();
      assertThat(report.at("/errors/0/operation").asText()).contains("read");
      assertThat(world.writes()).isZero();
      assertThat(world.graph.log().count(r -> r.status() == 503))
          .as("Graph requests answered 503: the read was retried")
          .isGreaterThan(1);
      assertThat(world.knowbe4.activeUsers()).hasSize(2);
    }
  }

  @Test
  void knowbe4_down_after_retries_exits_1_and_writes_nothing() {
    try (World world = company()) {
      world.knowbe4.faults(new Faults(1).down(true));

      Run run = sync(world, config(world));

      assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
      JsonNode report = run.report();
      assertThat(report.at("/success").asBoolean()).isFalse();
      assertThat(report.at("/errors/0/operation").asText()).contains("read");
      assertThat(world.writes()).isZero();
      assertThat(world.knowbe4.log().count(r -> r.status() == 503))
          .as("KnowBe4 requests answered 503: the read was retried")
          .isGreaterThan(1);
      assertThat(world.graph.log().all()).as("Microsoft 365 was read").isNotEmpty();
    }
  }
}
