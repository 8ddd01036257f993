package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The everyday syncs, each run through the real jar against both simulators over HTTP. */
class SyncEndToEndIT extends EndToEndTest {
  static final String D = "contoso.example";

  /**
   * Four in-scope users (one already in KnowBe4 with a stale department, one already in agreement
   * but for the letter case of the email), one disabled, one guest, one unlicensed and one with
   * another SKU; in KnowBe4 also the disabled user, a leaver and a partner from another domain.
   */
  static World everydayCompany() {
    World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(
                        person("bob@" + D, "Bob", "Baker", "Engineering")
                            .andThen(u -> u.manager("ann@" + D)))
                    .user(person("cat@" + D, "Cat", "Cole", "Finance"))
                    .user(
                        person("ian.irwin@" + D, "Ian", "Irwin", "Sales")
                            .andThen(u -> u.mail("IAN.IRWIN@CONTOSO.EXAMPLE")))
                    .user(person("dan@" + D, "Dan", "Dale", "Sales").andThen(u -> u.disabled()))
                    .user(person("eve@" + D, "Eve", "Ewing", "Sales").andThen(u -> u.guest()))
                    .user(
                        person("fay@" + D, "Fay", "Fox", "Sales")
                            .andThen(u -> u.removeAllLicenses()))
                    .user(
                        person("gus@" + D, "Gus", "Gray", "Sales")
                            .andThen(u -> u.removeAllLicenses().license(World.KIOSK))));
    world.knowbe4.seedUser(UserSeed.of("ann@" + D).named("Ann", "Archer").department("Marketing"));
    // Matched although the letter case differs (also under a Turkish locale), and never rewritten.
    world.knowbe4.seedUser(
        UserSeed.of("ian.irwin@" + D)
            .named("Ian", "Irwin")
            .department("Sales")
            .title("Clerk")
            .groups("All Users", "Sales Team"));
    world.knowbe4.seedUser(UserSeed.of("dan@" + D).named("Dan", "Dale").department("Sales"));
    world.knowbe4.seedUser(UserSeed.of("old@" + D).named("Old", "Timer"));
    world.knowbe4.seedUser(UserSeed.of("pat@fabrikam.example").named("Pat", "Partner"));
    return world;
  }

  @Test
  void a_basic_sync_creates_updates_archives_and_groups_the_users_and_exits_0() {
    try (World world = everydayCompany()) {
      Run run = sync(world, config(world));

      assertThat(run.exitCode()).as("%s", run).isZero();
      JsonNode report = run.report();
      assertThat(report.at("/success").asBoolean()).isTrue();
      assertThat(report.at("/dry_run").asBoolean()).isFalse();
      JsonNode summary = report.at("/sync_summary");
      assertThat(summary.at("/company").asText()).isEqualTo("contoso Ltd");
      assertThat(summary.at("/m365_users_found").asInt()).isEqualTo(4);
      assertThat(summary.at("/knowbe4_users_found").asInt()).isEqualTo(5);
      assertThat(summary.at("/users_matched").asInt()).isEqualTo(2);
      assertThat(summary.at("/users_created").asInt()).isEqualTo(2);
      assertThat(summary.at("/users_updated").asInt()).isEqualTo(1);
      assertThat(summary.at("/users_archived").asInt()).isEqualTo(2);
      assertThat(emails(report.at("/users_created"))).containsExactly("bob@" + D, "cat@" + D);
      assertThat(report.at("/users_created/0/knowbe4_group").asText())
          .isEqualTo("Engineering Team");
      assertThat(report.at("/users_created/1/knowbe4_group").asText()).isEqualTo("All Users");
      assertThat(report.at("/users_created/0/enrollment_status").asText()).isEqualTo("Invited");
      assertThat(report.at("/users_archived").findValuesAsText("reason"))
          .containsExactly("Account disabled", "No longer in M365");
      assertThat(report.at("/errors")).isEmpty();

      assertThat(world.knowbe4.activeUsers())
          .extracting(UserView::email)
          .containsExactlyInAnyOrder(
              "ann@" + D, "bob@" + D, "cat@" + D, "ian.irwin@" + D, "pat@fabrikam.example");
      UserView ann = world.knowbe4.findByEmail("ann@" + D).orElseThrow();
      UserView bob = world.knowbe4.findByEmail("bob@" + D).orElseThrow();
      assertThat(ann.department()).isEqualTo("Sales");
      assertThat(ann.title()).isEqualTo("Clerk");
      assertThat(bob.managerScimId()).isEqualTo(ann.scimId());
      assertThat(bob.givenName()).isEqualTo("Bob");
      assertThat(world.knowbe4.findByEmail("dan@" + D).orElseThrow().active()).isFalse();
      assertThat(world.knowbe4.findByEmail("old@" + D).orElseThrow().active()).isFalse();
      assertThat(members(world, "All Users"))
          .containsExactlyInAnyOrder("ann@" + D, "bob@" + D, "cat@" + D, "ian.irwin@" + D);
      assertThat(members(world, "Sales Team"))
          .containsExactlyInAnyOrder("ann@" + D, "ian.irwin@" + D);
      assertThat(world.knowbe4.log().count(r -> r.isWrite() && r.body().contains("IAN.IRWIN")))
          .as("writes of the email's letter case")
          .isZero();
      assertThat(members(world, "Engineering Team")).containsExactly("bob@" + D);
      assertThat(world.graphWrites()).isZero();
    }
  }

  @Test
  void a_dry_run_writes_nothing_and_reports_exactly_what_the_real_run_then_does() {
    try (World world = everydayCompany()) {
      Path config = config(world);

      Run dry = sync(world, config, "--dry-run");

      assertThat(world.writes()).as("write requests of the dry run").isZero();
      assertThat(world.knowbe4.activeUsers()).hasSize(5);
      JsonNode planned = dry.report();
      assertThat(planned.at("/dry_run").asBoolean()).isTrue();
      assertThat(planned.at("/users_created/0/enrollment_status").asText()).isEqualTo("Planned");
      StateDatabase state = new StateDatabase(stateFolder().resolve("kb4sync-state.db"));
      assertThat(state.count("select count(*) from links")).as("links a dry run stored").isZero();
      assertThat(state.count("select count(*) from runs where dry_run = 1"))
          .as("the dry run in the history")
          .isEqualTo(1);

      Run real = sync(world, config);

      assertThat(world.knowbe4.log().writes()).isPositive();
      assertThat(dry.exitCode()).as("%s", dry).isEqualTo(real.exitCode()).isZero();
      assertThat(comparable(planned)).isEqualTo(comparable(real.report()));
      assertThat(state.count("select count(*) from links"))
          .as("links after the real run")
          .isEqualTo(4);
    }
  }

  @Test
  void a_second_run_with_nothing_changed_sends_no_write_request() {
    try (World world = everydayCompany()) {
      Path config = config(world);
      assertThat(sync(world, config).exitCode()).isZero();
      world.clearLogs();

      Run second = sync(world, config);

      assertThat(second.exitCode()).as("%s", second).isZero();
      assertThat(world.writes()).as("write requests of the second run").isZero();
      assertThat(world.knowbe4.log().all()).as("the second run read KnowBe4").isNotEmpty();
      JsonNode report = second.report();
      assertThat(report.at("/sync_summary/users_matched").asInt()).isEqualTo(4);
      assertThat(report.at("/sync_summary/users_created").asInt()).isZero();
      assertThat(report.at("/sync_summary/users_updated").asInt()).isZero();
      assertThat(report.at("/sync_summary/users_archived").asInt()).isZero();
      assertThat(report.at("/group_changes/group_additions").asInt()).isZero();
      assertThat(report.at("/group_changes/group_removals").asInt()).isZero();
    }
  }

  @Test
  void an_archived_knowbe4_user_who_is_licensed_again_is_restored_not_created() {
    try (World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(person("rita@" + D, "Rita", "Reyes", "Engineering")))) {
      world.knowbe4.seedUser(
          UserSeed.of("ann@" + D)
              .named("Ann", "Archer")
              .department("Sales")
              .title("Clerk")
              .groups("All Users", "Sales Team"));
      UserView archived =
          world.knowbe4.seedUser(
              UserSeed.of("rita@" + D)
                  .named("Rita", "Reyes")
                  .department("Engineering")
                  .title("Clerk")
                  .archived());

      Run run = sync(world, config(world));

      assertThat(run.exitCode()).as("%s", run).isZero();
      JsonNode report = run.report();
      assertThat(emails(report.at("/users_restored"))).containsExactly("rita@" + D);
      assertThat(report.at("/users_created")).isEmpty();
      assertThat(world.knowbe4.scimCreates()).isZero();
      UserView rita = world.knowbe4.findByEmail("rita@" + D).orElseThrow();
      assertThat(rita.scimId()).isEqualTo(archived.scimId());
      assertThat(rita.active()).isTrue();
      assertThat(world.knowbe4.users()).hasSize(2);
      assertThat(members(world, "Engineering Team")).containsExactly("rita@" + D);
    }
  }

  @Test
  void a_changed_email_in_m365_updates_the_same_knowbe4_user_without_create_or_archive() {
    try (World world =
        World.start(
            t ->
                t.user(person("alice@" + D, "Alice", "Adams", "Sales"))
                    .user(person("bob@" + D, "Bob", "Baker", "Sales")))) {
      Path config = config(world);
      assertThat(sync(world, config).exitCode()).isZero();
      UserView before = world.knowbe4.findByEmail("alice@" + D).orElseThrow();
      world.tenant.updateUser(
          "alice@" + D, u -> u.upn("alice.smith@" + D).mail("alice.smith@" + D).surname("Smith"));
      world.clearLogs();

      Run run = sync(world, config);

      assertThat(run.exitCode()).as("%s", run).isZero();
      JsonNode report = run.report();
      assertThat(report.at("/sync_summary/users_updated").asInt()).isEqualTo(1);
      assertThat(report.at("/sync_summary/users_created").asInt()).isZero();
      assertThat(report.at("/sync_summary/users_archived").asInt()).isZero();
      assertThat(report.at("/user_updates/0/email").asText()).isEqualTo("alice.smith@" + D);
      assertThat(report.at("/user_updates/0/changes").findValuesAsText("to"))
          .contains("alice.smith@" + D, "Smith");
      assertThat(world.knowbe4.users()).hasSize(2);
      UserView after = world.knowbe4.findByEmail("alice.smith@" + D).orElseThrow();
      assertThat(after.scimId()).isEqualTo(before.scimId());
      assertThat(after.active()).isTrue();
      assertThat(after.familyName()).isEqualTo("Smith");
      assertThat(world.knowbe4.findByEmail("alice@" + D)).isEmpty();
      assertThat(world.knowbe4.log().count(r -> r.method().equals("POST"))).isZero();
      assertThat(members(world, "Sales Team")).contains("alice.smith@" + D);
    }
  }

  @Test
  void a_department_change_removes_the_managed_group_and_leaves_an_unmanaged_group_alone() {
    try (World world =
        World.start(
            t ->
                t.user(person("bob@" + D, "Bob", "Baker", "Sales"))
                    .user(person("carol@" + D, "Carol", "Cruz", "Sales")))) {
      world.knowbe4.seedUser(
          UserSeed.of("bob@" + D).named("Bob", "Baker").department("Sales").groups("Phish Pilot"));
      world.knowbe4.seedUser(UserSeed.of("pat@fabrikam.example").groups("Phish Pilot"));
      String pilot = world.knowbe4.findGroup("Phish Pilot").orElseThrow().scimId();
      Path config = config(world);
      assertThat(sync(world, config).exitCode()).isZero();
      assertThat(members(world, "Sales Team")).containsExactlyInAnyOrder("bob@" + D, "carol@" + D);
      world.tenant.updateUser("bob@" + D, u -> u.department("Finance"));

      Run run = sync(world, config);

      assertThat(run.exitCode()).as("%s", run).isZero();
      JsonNode report = run.report();
      assertThat(report.at("/group_changes/group_removals").asInt()).isEqualTo(1);
      assertThat(report.at("/group_changes/group_additions").asInt()).isZero();
      assertThat(members(world, "Sales Team")).containsExactly("carol@" + D);
      assertThat(members(world, "All Users")).containsExactlyInAnyOrder("bob@" + D, "carol@" + D);
      assertThat(members(world, "Phish Pilot"))
          .containsExactlyInAnyOrder("bob@" + D, "pat@fabrikam.example");
      assertThat(world.knowbe4.log().count(r -> r.path().contains(pilot)))
          .as("requests naming the unmanaged group")
          .isZero();
      assertThat(world.knowbe4.findByEmail("bob@" + D).orElseThrow().department())
          .isEqualTo("Finance");
    }
  }

  @Test
  void a_user_who_loses_the_licence_is_archived_with_the_time_a_sync_last_saw_them() {
    try (World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(person("bob@" + D, "Bob", "Baker", "Sales")))) {
      Path config = config(world);
      Run first = sync(world, config);
      assertThat(first.exitCode()).as("%s", first).isZero();
      String firstSeen = first.report().at("/sync_summary/sync_timestamp").asText();
      world.tenant.updateUser("bob@" + D, u -> u.removeAllLicenses());

      Run second = sync(world, config);

      assertThat(second.exitCode()).as("%s", second).isZero();
      JsonNode archived = second.report().at("/users_archived");
      assertThat(emails(archived)).containsExactly("bob@" + D);
      assertThat(archived.at("/0/reason").asText()).isEqualTo("No longer licensed");
      assertThat(Instant.parse(archived.at("/0/last_m365_sync").asText()))
          .isEqualTo(Instant.parse(firstSeen));
      assertThat(world.knowbe4.findByEmail("bob@" + D).orElseThrow().active()).isFalse();
    }
  }

  @Test
  void creates_beyond_the_purchased_seats_are_held_and_the_run_exits_3() {
    try (World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(person("bob@" + D, "Bob", "Baker", "Sales"))
                    .user(person("cat@" + D, "Cat", "Cole", "Sales")))) {
      world.knowbe4.seats(2);
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);

      Run run = sync(world, config.writeTo(dir));

      assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
      JsonNode report = run.report();
      assertThat(report.at("/sync_summary/users_created").asInt()).isEqualTo(2);
      assertThat(report.at("/held_creates")).hasSize(1);
      assertThat(world.knowbe4.activeUsers()).hasSize(2);
    }
  }

  /** A report without the three keys in which a dry run may differ from the real run. */
  static JsonNode comparable(JsonNode report) {
    ObjectNode copy = (ObjectNode) report.deepCopy();
    copy.remove("dry_run");
    ((ObjectNode) copy.get("sync_summary")).remove("sync_timestamp");
    copy.get("users_created")
        .forEach(created -> ((ObjectNode) created).remove("enrollment_status"));
    return copy;
  }

  static List<String> emails(JsonNode users) {
    return users.findValuesAsText("email");
  }

  static Set<String> members(World world, String group) {
    return world.knowbe4.findGroup(group).orElseThrow().memberEmails();
  }
}
