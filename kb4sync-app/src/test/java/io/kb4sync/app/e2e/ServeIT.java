package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.ServeSupport.await;
import static io.kb4sync.app.e2e.ServeSupport.awaitServing;
import static io.kb4sync.app.e2e.ServeSupport.runs;
import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb4sync serve} on SQLite, as a process: one node only, SIGHUP, SIGTERM. */
class ServeIT {
  @TempDir Path dir;

  Path config(World world, String sync) {
    Config config =
        Config.create()
            .set("server", Map.of("dead_node_after", "6s"))
            .set("defaults", Map.of("schedule", Map.of("sync", sync, "audit", "off")));
    config.company("1001", world).writeConcurrency(2);
    return config.writeTo(dir);
  }

  Kb4syncJar kb4sync(World world) {
    return Kb4syncJar.in(dir)
        .env(world.env())
        .env("KB4SYNC_TEST_MIN_INTERVAL", "1s")
        .timeout(Duration.ofMinutes(1));
  }

  Connection state() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/kb4sync-state.db"));
  }

  @Test
  void a_second_serve_on_the_same_sqlite_file_refuses_to_start_with_one_line() throws Exception {
    try (World world = World.start(t -> t.user(person("ann@contoso.example", "Ann", "A", "x")))) {
      Path file = config(world, "off");
      Kb4syncJar.Started first =
          kb4sync(world).start("serve", "--config", file.toString(), "--port", "0");
      int port = awaitServing(first);

      Run second = kb4sync(world).run("serve", "--config", file.toString(), "--port", "0");

      assertThat(second.exitCode()).as("%s", second).isEqualTo(1);
      List<String> lines = second.stderr().lines().toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0))
          .startsWith("kb4sync: state: another kb4sync serve uses sqlite:")
          .contains("one node only");
      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
      Run stopped = first.terminate();
      assertThat(stopped.exitCode()).as("%s", stopped).isZero();
    }
  }

  @Test
  void sighup_with_a_broken_file_keeps_the_schedules_and_sigterm_ends_a_busy_server_in_time()
      throws Exception {
    // 400 creates, 2 in flight, 40 ms each: seconds of writing when the signal comes.
    try (World world = InterruptedSyncIT.slowCompany(400, Duration.ofMillis(40))) {
      Path file = config(world, "2s");
      Kb4syncJar.Started server =
          kb4sync(world).start("serve", "--config", file.toString(), "--port", "0");
      awaitServing(server);

      String good = Files.readString(file);
      Files.writeString(file, good.replace("sync: \"2s\"", "sync: \"every day\""));
      server.signal("HUP");
      await(
          "the reload to be refused",
          Duration.ofSeconds(20),
          () ->
              server.stderrSoFar().contains("reload refused")
                  ? Optional.of(true)
                  : Optional.empty());
      assertThat(server.stderrSoFar())
          .contains("the running configuration is kept")
          .contains("defaults.schedule.sync");

      try (Connection db = state()) {
        // The running schedule (2s) goes on: the company is synced, and then synced again.
        await(
            "a scheduled sync creating users",
            Duration.ofSeconds(30),
            () ->
                runs(db).stream()
                    .filter(r -> r.status().equals("running"))
                    .filter(r -> world.knowbe4.scimCreates() > 20)
                    .findFirst());
        long signalled;
        // The run's writes held while the signal arrives: it cannot finish them meanwhile, however
        // slow the machine; released a second later, the writes in flight finish, no new one goes.
        try (io.kb4sync.simulators.http.SimServer.Hold writes = world.knowbe4.holdWrites()) {
          await(
              "a write held",
              Duration.ofSeconds(30),
              () -> writes.waiting() > 0 ? Optional.of(true) : Optional.empty());
          signalled = System.nanoTime();
          server.signal("TERM");
          Thread.sleep(1_000);
        }
        Run stopped = server.await();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);

        assertThat(stopped.exitCode()).as("%s", stopped).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        List<ServeSupport.Row> history = runs(db);
        assertThat(history).isNotEmpty().noneMatch(ServeSupport.Row::open);
        ServeSupport.Row last = history.get(history.size() - 1);
        assertThat(last.status()).isEqualTo("finished");
        assertThat(last.outcome()).isEqualTo("interrupted");
        assertThat(last.trigger()).isEqualTo("schedule");
        assertThat(world.knowbe4.scimCreates()).isLessThan(400);
        Map<String, Long> names =
            world.knowbe4.users().stream()
                .collect(
                    Collectors.groupingBy(
                        io.kb4sync.simulators.knowbe4.UserView::email, Collectors.counting()));
        assertThat(names.values()).containsOnly(1L);
      }
    }
  }

  @Test
  void a_broken_configuration_exits_2_and_an_address_in_use_exits_1_each_with_one_line()
      throws Exception {
    try (World world = World.start(t -> t.user(person("ann@contoso.example", "Ann", "A", "x")));
        java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      Path file = config(world, "off");
      String good = Files.readString(file);

      Files.writeString(file, good.replace("sync: \"off\"", "sync: \"0 2 * *\""));
      Run broken = kb4sync(world).run("serve", "--config", file.toString(), "--port", "0");
      assertThat(broken.exitCode()).as("%s", broken).isEqualTo(2);
      assertThat(broken.stderr().lines().toList())
          .singleElement()
          .asString()
          .contains("defaults.schedule.sync")
          .contains("5 fields");

      Files.writeString(file, good);
      Run busy =
          kb4sync(world)
              .run("serve", "--config", file.toString(), "--port", "" + taken.getLocalPort());
      assertThat(busy.exitCode()).as("%s", busy).isEqualTo(1);
      assertThat(busy.stderr().lines().toList())
          .singleElement()
          .asString()
          .startsWith("kb4sync: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void a_run_asked_for_through_the_api_is_queued_run_by_the_service_and_read_back_with_its_report()
      throws Exception {
    try (World world = World.start(t -> t.user(person("ann@contoso.example", "Ann", "A", "x")))) {
      Path file = config(world, "off");
      Run token =
          kb4sync(world)
              .run(
                  "token",
                  "create",
                  "--config",
                  file.toString(),
                  "--name",
                  "ops",
                  "--role",
                  "operator");
      assertThat(token.exitCode()).as("%s", token).isZero();
      String bearer = token.stdout().trim();
      Kb4syncJar.Started server =
          kb4sync(world).start("serve", "--config", file.toString(), "--port", "0");
      int port = awaitServing(server);
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> queued =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/companies/1001/runs"))
                  .header("Authorization", "Bearer " + bearer)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"sync\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
      String runId = Run.JSON.readTree(queued.body()).get("run_id").asText();

      com.fasterxml.jackson.databind.JsonNode run =
          await(
              "the API run to end",
              Duration.ofSeconds(30),
              () -> {
                try {
                  String body =
                      http.send(
                              HttpRequest.newBuilder(
                                      URI.create(
                                          "http://127.0.0.1:" + port + "/api/v1/runs/" + runId))
                                  .header("Authorization", "Bearer " + bearer)
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body();
                  com.fasterxml.jackson.databind.JsonNode node = Run.JSON.readTree(body);
                  return node.path("status").asText().equals("finished")
                      ? Optional.of(node)
                      : Optional.empty();
                } catch (java.io.IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(run.get("trigger").asText()).isEqualTo("api:ops");
      assertThat(run.get("outcome").asText()).isEqualTo("ok");
      assertThat(run.at("/report/sync_summary/users_created").asInt()).isEqualTo(1);
      assertThat(world.knowbe4.users()).hasSize(1);
      assertThat(server.terminate().exitCode()).isZero();
    }
  }
}
