package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.InterruptedSyncIT.settled;
import static io.kb4sync.app.e2e.InterruptedSyncIT.slowCompany;
import static io.kb4sync.app.e2e.InterruptedSyncIT.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.knowbe4.UserView;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a run promises when the state store or the company lock fails under it, and what the next
 * process sees of a run whose process died: the history and the report tell the truth, and no retry
 * creates a second user.
 */
class StateFailuresIT extends EndToEndTest {

  @Test
  void
      a_store_that_refuses_the_final_commit_gives_exit_3_a_report_of_what_was_done_and_no_duplicate()
          throws Exception {
    int users = 40;
    try (World world = slowCompany(users, Duration.ZERO)) {
      Path config = config(world);

      // The sync's second commit (its final one, after every create) fails as a full disk would.
      Run failing =
          kb4sync(world)
              .env("KB4SYNC_TEST_FAIL_COMMIT", "2")
              .run("sync", "--config", config.toString(), "--company", COMPANY);

      assertThat(failing.exitCode()).as("%s", failing).isEqualTo(3);
      JsonNode report = failing.report();
      assertThat(report.at("/outcome").asText()).isEqualTo("interrupted");
      assertThat(report.at("/sync_summary/users_created").asInt()).isEqualTo(users);
      assertThat(report.at("/users_created")).hasSize(users);
      assertThat(report.at("/errors/0/operation").asText()).isEqualTo("interrupted");
      assertThat(report.at("/errors/0/message").asText())
          .contains("state store refused the final commit");

      Run next = sync(world, config);

      assertThat(next.exitCode()).as("%s", next).isZero();
      assertThat(next.report().at("/sync_summary/users_created").asInt()).isZero();
      assertThat(next.report().at("/sync_summary/users_matched").asInt()).isEqualTo(users);
      assertThat(world.knowbe4.users())
          .extracting(UserView::email)
          .doesNotHaveDuplicates()
          .hasSize(users);
      assertThat(world.knowbe4.scimCreates()).isEqualTo(users);
    }
  }

  @Test
  void a_run_whose_process_was_killed_is_shown_abandoned_by_the_next_runs_command()
      throws Exception {
    try (World world = slowCompany(200, Duration.ofMillis(30))) {
      Path config = config(world);
      Kb4syncJar.Started doomed =
          kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
      waitFor(doomed, () -> world.knowbe4.scimCreates(), 10);
      doomed.kill();

      Run runs = kb4sync(world).run("runs", "--config", config.toString());

      assertThat(runs.exitCode()).as("%s", runs).isZero();
      JsonNode history = new ObjectMapper().readTree(runs.stdout());
      assertThat(history).hasSize(1);
      assertThat(history.at("/0/status").asText()).isEqualTo("abandoned");
      assertThat(history.at("/0/kind").asText()).isEqualTo("sync");
      assertThat(history.at("/0/trigger").asText()).isEqualTo("cli");
      assertThat(history.at("/0/outcome").isNull()).isTrue();
      assertThat(history.at("/0/finished_at").isTextual()).isTrue();
    }
  }

  @Test
  void
      a_postgresql_lock_lost_mid_run_stops_the_writes_with_exit_3_and_the_next_run_finishes_the_work()
          throws Exception {
    int users = 300;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        World world = slowCompany(users, Duration.ofMillis(30))) {
      Config configuration = Config.create();
      configuration.state("postgresql://postgres@localhost:" + postgres.getPort() + "/postgres");
      configuration.company(COMPANY, world).writeConcurrency(2);
      Path config = configuration.writeTo(dir);
      Kb4syncJar.Started running =
          kb4sync(world).start("sync", "--config", config.toString(), "--company", COMPANY);
      waitFor(running, () -> world.knowbe4.scimCreates(), 20);

      // The run notices the loss within the heartbeat's bound (3 periods of 2 s and a check of 10
      // s at most, as PostgresStateStoreTest asserts). Its writes are held meanwhile: otherwise the
      // rest of the creates (about 4 s of writing) could all land first on a loaded machine.
      int terminated;
      SimServer.Hold writes = world.knowbe4.holdWrites();
      try {
        terminated = terminateAdvisoryLockHolders(postgres);
        Thread.sleep(LOSS_NOTICED_WITHIN.toMillis());
      } finally {
        writes.close();
      }
      Run stopped = running.await();

      assertThat(terminated).as("sessions holding an advisory lock").isEqualTo(1);
      assertThat(stopped.exitCode()).as("%s", stopped).isEqualTo(3);
      JsonNode report = stopped.report();
      assertThat(report.at("/outcome").asText()).isEqualTo("interrupted");
      assertThat(report.at("/errors/0/message").asText()).contains("company lock was lost");
      long created = settled(() -> world.knowbe4.scimCreates());
      assertThat(created).isLessThan(users);
      assertThat(report.at("/sync_summary/users_created").asLong()).isEqualTo(created);

      Run next = sync(world, config);

      assertThat(next.exitCode()).as("%s", next).isZero();
      assertThat(next.report().at("/sync_summary/users_created").asLong())
          .isEqualTo(users - created);
      assertThat(world.knowbe4.users())
          .extracting(UserView::email)
          .doesNotHaveDuplicates()
          .hasSize(users);
    }
  }

  /** How long a lost PostgreSQL lock may go unnoticed by a run's heartbeat. */
  static final Duration LOSS_NOTICED_WITHIN = Duration.ofSeconds(16);

  /**
   * Ends, as a database administrator or a fail-over would, every session holding an advisory lock.
   */
  private static int terminateAdvisoryLockHolders(EmbeddedPostgres postgres) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()")) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return count;
    }
  }
}
