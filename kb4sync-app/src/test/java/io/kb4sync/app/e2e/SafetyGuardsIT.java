package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.simulators.graph.GraphUser;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The two safety guards: each holds every archive back with exit 4, and nothing else. */
class SafetyGuardsIT extends EndToEndTest {
  static final String D = "contoso.example";

  @Test
  void more_archives_than_the_threshold_are_all_held_with_exit_4_while_creates_still_happen() {
    // 10 stayers and 10 leavers: 10 archives exceed max(5, 10% of 20 active users).
    try (World world =
        World.start(
            t -> {
              t.users(10, n -> person("stay" + n + "@" + D, "Stay", "Er" + n, "Sales"));
              t.user(person("newbie@" + D, "New", "Bie", "Sales"));
            })) {
      for (int n = 0; n < 10; n++) {
        world.knowbe4.seedUser(UserSeed.of("stay" + n + "@" + D));
        world.knowbe4.seedUser(UserSeed.of("leaver" + n + "@" + D));
      }
      Path config = config(world);

      Run dry = sync(world, config, "--dry-run");
      assertThat(dry.exitCode()).as("a dry run exits as the real run would:%s", dry).isEqualTo(4);
      assertThat(world.writes()).as("writes of the dry run").isZero();

      Run held = sync(world, config);

      assertThat(held.exitCode()).as("%s", held).isEqualTo(4);
      assertThat(held.report().at("/staged_archives"))
          .isEqualTo(dry.report().at("/staged_archives"));
      JsonNode report = held.report();
      assertThat(report.at("/success").asBoolean()).isFalse();
      assertThat(report.at("/users_archived")).isEmpty();
      assertThat(report.at("/staged_archives").findValuesAsText("email"))
          .hasSize(10)
          .allMatch(email -> email.startsWith("leaver"));
      assertThat(report.at("/staged_archives/0/held_by").asText()).contains("mass archive");
      assertThat(world.knowbe4.users()).filteredOn(u -> !u.active()).isEmpty();
      assertThat(archiveRequests(world)).as("archive requests").isZero();
      assertThat(SyncEndToEndIT.emails(report.at("/users_created"))).containsExactly("newbie@" + D);
      assertThat(world.knowbe4.findByEmail("newbie@" + D)).isPresent();

      assertThat(report.at("/consent_command").asText())
          .endsWith(" --company " + COMPANY + " --remove-stale-users --allow-mass-archive=10");
      Run oneShort = sync(world, config, "--remove-stale-users", "--allow-mass-archive=9");

      assertThat(oneShort.exitCode()).as("%s", oneShort).isEqualTo(4);
      assertThat(oneShort.report().at("/outcome").asText()).isEqualTo("held");
      assertThat(oneShort.report().at("/users_archived")).isEmpty();
      assertThat(oneShort.report().at("/staged_archives/0/held_by").asText()).contains("at most 9");
      assertThat(archiveRequests(world)).as("archive requests, consent one short").isZero();

      Run allowed = sync(world, config, "--allow-mass-archive=10");

      assertThat(allowed.exitCode()).as("%s", allowed).isZero();
      assertThat(allowed.report().at("/users_archived").findValuesAsText("email")).hasSize(10);
      assertThat(archiveRequests(world)).as("archive requests, now allowed").isEqualTo(10);
      assertThat(world.knowbe4.activeUsers())
          .extracting(UserView::email)
          .noneMatch(email -> email.startsWith("leaver"))
          .hasSize(11);
    }
  }

  @Test
  void no_in_scope_users_holds_every_archive_with_exit_4_even_with_allow_mass_archive() {
    // Every licence is gone (e.g. a billing lapse): archiving the whole account would be wrong.
    Consumer<GraphUser.Builder> unlicensed = u -> u.removeAllLicenses();
    try (World world =
        World.start(
            t -> {
              for (String name : new String[] {"ann", "bob", "cat"}) {
                t.user(person(name + "@" + D, name, "Lapsed", "Sales").andThen(unlicensed));
              }
            })) {
      for (String name : new String[] {"ann", "bob", "cat"}) {
        world.knowbe4.seedUser(UserSeed.of(name + "@" + D));
      }
      Path config = config(world);

      Run held = sync(world, config);
      Run stillHeld = sync(world, config, "--allow-mass-archive=3");

      for (Run run : new Run[] {held, stillHeld}) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(4);
        JsonNode report = run.report();
        assertThat(report.at("/success").asBoolean()).isFalse();
        assertThat(report.at("/users_archived")).isEmpty();
        assertThat(report.at("/staged_archives").findValuesAsText("email"))
            .containsExactly("ann@" + D, "bob@" + D, "cat@" + D);
        assertThat(report.at("/staged_archives/0/held_by").asText()).contains("no in-scope");
      }
      assertThat(world.knowbe4.activeUsers()).hasSize(3);
      assertThat(userWrites(world, "")).as("user write requests").isZero();
    }
  }

  @Test
  void the_consent_command_of_a_hostile_company_id_pasted_into_a_shell_runs_only_kb4sync()
      throws Exception {
    String hostile = "ac'me $(touch pwned-1) `touch pwned-2`; touch pwned-3 \"Zürich\"";
    try (World world =
        World.start(t -> t.users(10, n -> person("stay" + n + "@" + D, "S", "E" + n, "Sales")))) {
      for (int n = 0; n < 10; n++) {
        world.knowbe4.seedUser(UserSeed.of("stay" + n + "@" + D));
        world.knowbe4.seedUser(UserSeed.of("leaver" + n + "@" + D));
      }
      Config configuration = Config.create();
      configuration.company(hostile, world);
      Path config = configuration.writeTo(dir);
      Run held =
          kb4sync(world)
              .run(
                  "sync",
                  "--config",
                  config.toString(),
                  "--company",
                  hostile,
                  "--remove-stale-users");
      assertThat(held.exitCode()).as("%s", held).isEqualTo(4);
      String command = held.report().at("/consent_command").asText();
      assertThat(command).contains("--allow-mass-archive=10");

      // Pasted into sh, the command runs kb4sync (here: the jar) and nothing else.
      Run pasted =
          kb4sync(world)
              .shell("kb4sync() { java -jar '" + Kb4syncJar.jar() + "' \"$@\"; }; " + command);

      assertThat(pasted.exitCode()).as("%s", pasted).isZero();
      assertThat(pasted.report().at("/users_archived").findValuesAsText("email")).hasSize(10);
      try (var files = java.nio.file.Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .noneMatch(f -> f.startsWith("pwned"));
      }
    }
  }

  /** KnowBe4 write requests on /Users whose body contains {@code text}. */
  static long userWrites(World world, String text) {
    return world.knowbe4.log().count(r -> r.isWrite() && isUser(r) && r.body().contains(text));
  }

  /** PATCHes of a KnowBe4 user's {@code active} flag (archive or restore) and DELETEs. */
  static long archiveRequests(World world) {
    return world
        .knowbe4
        .log()
        .count(
            r ->
                isUser(r)
                    && (r.method().equals("DELETE")
                        || r.method().equals("PATCH") && r.body().contains("\"active\"")));
  }

  private static boolean isUser(LoggedRequest request) {
    return request.path().contains("/Users");
  }
}
