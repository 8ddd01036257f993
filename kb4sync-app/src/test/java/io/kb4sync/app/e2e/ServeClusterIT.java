package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.ServeSupport.await;
import static io.kb4sync.app.e2e.ServeSupport.awaitServing;
import static io.kb4sync.app.e2e.ServeSupport.pause;
import static io.kb4sync.app.e2e.ServeSupport.runs;
import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.knowbe4.UserView;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code kb4sync serve} processes on one PostgreSQL: each company's due run happens once across
 * the cluster, never twice at once; a node killed mid-run leaves that run abandoned (noticed within
 * {@code server.dead_node_after}), the other node carries on, and no user is created twice.
 */
class ServeClusterIT {
  static final int COMPANIES = 20;
  static final int USERS = 4;
  static final int NEW_USERS = 5;
  static final Duration INTERVAL = Duration.ofSeconds(8);

  @TempDir Path dir;

  @Test
  void two_nodes_run_each_company_once_per_cycle_and_a_killed_node_leaves_its_run_abandoned()
      throws Exception {
    List<World> worlds = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Config config =
          Config.create()
              .state("postgresql://postgres@localhost:" + postgres.getPort() + "/postgres")
              .parallelCompanies(3)
              .set("server", Map.of("dead_node_after", "6s"))
              .set("defaults", Map.of("schedule", Map.of("sync", "8s", "audit", "off")));
      Map<String, String> env = new HashMap<>();
      env.put("KB4SYNC_TEST_MIN_INTERVAL", "1s");
      for (int i = 0; i < COMPANIES; i++) {
        String name = "co" + i;
        World world =
            World.start(
                name,
                t ->
                    t.users(
                        USERS,
                        n ->
                            person(
                                "user" + n + "@" + name + ".example",
                                "User",
                                "Number" + n,
                                "Sales")));
        // Each write takes a moment, so that a kill lands mid-run; duplicates stay visible.
        world.knowbe4.writeDelay(Duration.ofMillis(400));
        world.graph.faults(new Faults(i).latency(Duration.ofMillis(150)));
        world.knowbe4.uniqueUserNames(false);
        worlds.add(world);
        config.company("c" + i, world).writeConcurrency(1);
        env.putAll(world.env());
      }
      Path file = config.writeTo(dir);
      // Node b's file differs by a comment: /readyz of node a names node b.
      Path otherFile = dir.resolve("kb4sync-b.yaml");
      Files.writeString(otherFile, Files.readString(file) + "# node b\n");
      Kb4syncJar jar = Kb4syncJar.in(dir).env(env).timeout(Duration.ofMinutes(2));
      Run token =
          jar.run(
              "token",
              "create",
              "--config",
              file.toString(),
              "--name",
              "probe",
              "--role",
              "viewer");
      assertThat(token.exitCode()).as("%s", token).isZero();
      String bearer = token.stdout().trim();
      Kb4syncJar.Started a = jar.start("serve", "--config", file.toString(), "--port", "0");
      Kb4syncJar.Started b = jar.start("serve", "--config", otherFile.toString(), "--port", "0");
      int portA = awaitServing(a);
      int portB = awaitServing(b);
      String ready =
          await(
              "node a's /readyz to name node b",
              Duration.ofSeconds(30),
              () -> {
                String body = get(portA, "/readyz", bearer);
                return body.contains(" pid " + b.pid() + " ")
                    ? Optional.of(body)
                    : Optional.empty();
              });
      assertThat(ready).doesNotContain(" pid " + a.pid() + " ");

      try (Connection db = postgres.getPostgresDatabase().getConnection()) {
        // Several cycles on both nodes.
        await(
            "three finished syncs of every company",
            Duration.ofSeconds(90),
            () ->
                finishedPerCompany(runs(db)).values().stream().allMatch(n -> n >= 3)
                        && finishedPerCompany(runs(db)).size() == COMPANIES
                    ? Optional.of(true)
                    : Optional.empty());

        // New people everywhere: the next cycle creates them. kill -9 of node a mid-create.
        Map<String, Long> createsBefore = new HashMap<>();
        for (int i = 0; i < COMPANIES; i++) {
          World world = worlds.get(i);
          createsBefore.put("c" + i, world.knowbe4.scimCreates());
          for (int n = 0; n < NEW_USERS; n++) {
            String email = "new" + n + "@" + world.name + ".example";
            world.tenant.addUser(person(email, "New", "Person" + n, "Sales"));
          }
        }
        ServeSupport.Row doomed =
            await(
                "a run of node a creating users",
                Duration.ofSeconds(60),
                () ->
                    runs(db).stream()
                        .filter(r -> r.open() && r.ownedBy(a))
                        .filter(
                            r ->
                                worlds
                                        .get(Integer.parseInt(r.companyId().substring(1)))
                                        .knowbe4
                                        .scimCreates()
                                    > createsBefore.get(r.companyId()))
                        .findFirst());
        a.kill();

        ServeSupport.Row abandoned =
            await(
                "the killed node's run recorded abandoned",
                Duration.ofSeconds(30),
                () ->
                    runs(db).stream()
                        .filter(r -> r.runId().equals(doomed.runId()))
                        .filter(r -> r.status().equals("abandoned"))
                        .findFirst());
        ServeSupport.Row next =
            await(
                "the company's next run, on node b",
                Duration.ofSeconds(60),
                () ->
                    runs(db).stream()
                        .filter(r -> r.companyId().equals(doomed.companyId()))
                        .filter(r -> r.startedAt().isAfter(doomed.startedAt()))
                        .filter(r -> r.status().equals("finished"))
                        .findFirst());
        assertThat(next.ownedBy(b)).as("%s", next).isTrue();
        assertThat(next.startedAt())
            .as("an abandoned run is not re-run at once")
            .isAfterOrEqualTo(abandoned.finishedAt());
        pause(2 * INTERVAL.toMillis());

        List<ServeSupport.Row> history = runs(db);
        assertThat(history).allSatisfy(r -> assertThat(r.trigger()).isEqualTo("schedule"));
        assertThat(history).allSatisfy(r -> assertThat(r.status()).isNotEqualTo("failed"));
        assertThat(history.stream().filter(r -> r.ownedBy(a))).as("runs of node a").isNotEmpty();
        assertThat(history.stream().filter(r -> r.ownedBy(b))).as("runs of node b").isNotEmpty();
        Map<String, List<ServeSupport.Row>> byCompany =
            history.stream().collect(Collectors.groupingBy(ServeSupport.Row::companyId));
        assertThat(byCompany).hasSize(COMPANIES);
        for (List<ServeSupport.Row> runs : byCompany.values()) {
          for (int i = 1; i < runs.size(); i++) {
            ServeSupport.Row before = runs.get(i - 1);
            ServeSupport.Row after = runs.get(i);
            assertThat(before.finishedAt())
                .as("never twice at once: %s then %s", before, after)
                .isNotNull()
                .isBeforeOrEqualTo(after.startedAt());
            if (!before.status().equals("abandoned")) {
              // Once per cycle: the next run is due an interval after the end of the previous.
              assertThat(after.startedAt())
                  .as("once per cycle: %s then %s", before, after)
                  .isAfterOrEqualTo(before.finishedAt().plus(INTERVAL).minusMillis(500));
            }
          }
        }
        // Node b's metrics count the runs it ended (a run's counter follows its record).
        long okBefore =
            runs(db).stream().filter(r -> r.ownedBy(b) && "ok".equals(r.outcome())).count();
        String metrics = get(portB, "/metrics", bearer);
        long okAfter =
            runs(db).stream().filter(r -> r.ownedBy(b) && "ok".equals(r.outcome())).count();
        assertThat(series(metrics, "kb4sync_runs_total{kind=\"sync\",outcome=\"ok\"}"))
            .isBetween(okBefore - 3, okAfter)
            .isPositive();
        assertThat(series(metrics, "kb4sync_users_changed_total{change=\"created\"}")).isPositive();
        assertThat(series(metrics, "kb4sync_company_failing{company_id=\"c0\"}")).isZero();
      }
      Run stopped = b.terminate();
      assertThat(stopped.exitCode()).as("%s", stopped).isZero();
      for (World world : worlds) {
        Map<String, Long> names =
            world.knowbe4.users().stream()
                .collect(Collectors.groupingBy(UserView::email, Collectors.counting()));
        assertThat(names).as("users of %s", world.name).hasSize(USERS + NEW_USERS);
        assertThat(names.values()).as("duplicates in %s", world.name).containsOnly(1L);
      }
    } finally {
      worlds.forEach(World::close);
    }
  }

  /** The value of one series in Prometheus text; -1 when absent. */
  static long series(String text, String name) {
    for (String line : text.lines().toList()) {
      if (line.startsWith(name + " ")) {
        return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return -1;
  }

  static String get(int port, String path, String bearer) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + bearer)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Long> finishedPerCompany(List<ServeSupport.Row> rows) {
    return rows.stream()
        .filter(r -> r.status().equals("finished"))
        .collect(Collectors.groupingBy(ServeSupport.Row::companyId, Collectors.counting()));
  }
}
