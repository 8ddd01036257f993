package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads through the Reporting API: status, groups and seats from there, ids from SCIM. */
class ReportingReadTest {
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();
  private Map<String, UserView> seeded;

  private static final Predicate<LoggedRequest> REPORTING = r -> r.path().startsWith("/v1/");

  @BeforeEach
  void seed() {
    // Server-side limits are switched on only by the tests about pacing.
    simulator.reportingLimits(0, 0, 0);
    simulator.seats(250);
    simulator.seedUser(UserSeed.of("boss@acme.example").named("Bea", "Boss").groups("All Users"));
    simulator.seedUser(
        UserSeed.of("ann@acme.example")
            .named("Ann", "Lee")
            .department("Sales")
            .title("Rep")
            .manager("boss@acme.example")
            .groups("All Users", "Sales Team"));
    simulator.seedUser(UserSeed.of("gone@acme.example").named("Gus", "Gone").archived());
    seeded = simulator.users().stream().collect(Collectors.toMap(UserView::email, user -> user));
  }

  /** 247 more users (250 in all: a SCIM listing of 3 pages), then a sync's Reporting read. */
  private TrainingSnapshot readWith247More(KnowBe4Platform platform) {
    for (int i = 0; i < 247; i++) {
      simulator.seedUser(UserSeed.of("many" + i + "@acme.example"));
    }
    return platform.read();
  }

  /** The stand-in ids of those 247. */
  private static List<String> manyIds(TrainingSnapshot snapshot) {
    return snapshot.users().stream()
        .map(TrainingUser::id)
        .filter(id -> id.startsWith("kb4-email:many"))
        .toList();
  }

  private static String salesTeam(TrainingSnapshot snapshot) {
    return snapshot.groups().stream()
        .filter(g -> g.displayName().equals("Sales Team"))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static final Predicate<LoggedRequest> SCIM = r -> r.path().startsWith("/scim/");

  @Test
  void a_sync_read_sends_no_scim_request_and_names_users_by_stand_in_ids_for_their_address() {
    TrainingSnapshot snapshot = Fixtures.reportingPlatform(simulator).read();

    assertThat(simulator.log().count(SCIM)).isZero();
    assertThat(snapshot.seats()).hasValue(250);
    assertThat(snapshot.users())
        .containsExactlyInAnyOrder(
            new TrainingUser(
                "kb4-email:boss@acme.example",
                "boss@acme.example",
                "Bea",
                "Boss",
                null,
                null,
                null,
                true),
            new TrainingUser(
                "kb4-email:ann@acme.example",
                "ann@acme.example",
                "Ann",
                "Lee",
                "Sales",
                "Rep",
                "kb4-email:boss@acme.example",
                true),
            new TrainingUser(
                "kb4-email:gone@acme.example",
                "gone@acme.example",
                "Gus",
                "Gone",
                null,
                null,
                null,
                false));
    Map<String, TrainingGroup> groups =
        snapshot.groups().stream().collect(Collectors.toMap(TrainingGroup::displayName, g -> g));
    assertThat(groups.get("All Users").id()).isEqualTo("kb4-group:All Users");
    assertThat(groups.get("Sales Team").memberIds()).containsExactly("kb4-email:ann@acme.example");
    // Only an audit reads SCIM beside, and only it can tell who SCIM does not list.
    assertThat(snapshot.notListedByScim()).isEmpty();
  }

  @Test
  void writes_look_up_the_scim_ids_of_the_users_and_groups_they_touch_and_no_other() {
    KnowBe4Platform platform = Fixtures.reportingPlatform(simulator);
    TrainingSnapshot snapshot = platform.read();
    simulator.log().clear();

    platform.update(
        byEmail(snapshot, "ann@acme.example").id(),
        List.of(new AttributeChange(Attribute.TITLE, "Rep", "Lead")));
    platform.update(
        byEmail(snapshot, "ann@acme.example").id(),
        List.of(new AttributeChange(Attribute.DEPARTMENT, "Sales", "Ops")));

    // One lookup (userName eq, cached), then the two PATCHes.
    assertThat(simulator.log().count(r -> SCIM.test(r) && r.method().equals("GET"))).isEqualTo(1);
    assertThat(simulator.log().all())
        .filteredOn(r -> r.method().equals("GET"))
        .singleElement()
        .satisfies(r -> assertThat(r.query().get("filter").get(0)).contains("userName eq"));
    assertThat(simulator.log().writes()).isEqualTo(2);
  }

  @Test
  void more_stand_ins_than_one_listing_has_pages_are_resolved_by_one_listing() {
    KnowBe4Platform platform = Fixtures.reportingPlatform(simulator);
    TrainingSnapshot snapshot = readWith247More(platform);
    List<String> many = manyIds(snapshot);
    simulator.log().clear();

    // 250 users: a listing takes 3 pages. Three updates look up; the fourth reads the listing.
    for (String id : many.subList(0, 10)) {
      platform.update(id, List.of(new AttributeChange(Attribute.TITLE, null, "Clerk")));
    }
    platform.addMembers(salesTeam(snapshot), many.subList(10, 200));

    assertThat(
            simulator
                .log()
                .count(r -> r.path().endsWith("/Users") && r.query().containsKey("filter")))
        .isEqualTo(3);
    assertThat(
            simulator
                .log()
                .count(r -> r.path().endsWith("/Users") && r.query().containsKey("startIndex")))
        .isEqualTo(3);
    assertThat(simulator.findGroup("Sales Team").orElseThrow().memberEmails()).hasSize(191);
  }

  @Test
  void a_listing_that_moves_while_writes_go_on_still_resolves_every_stand_in() {
    KnowBe4Platform platform = Fixtures.reportingPlatform(simulator);
    TrainingSnapshot snapshot = readWith247More(platform);
    List<String> many = manyIds(snapshot);
    // Every page past the first served one position early, as when this run's own creates land
    // in front of the listing while it is paged: no reading of it is whole.
    simulator.shiftListingPages(1_000);

    platform.addMembers(salesTeam(snapshot), many.subList(0, 200));

    assertThat(simulator.findGroup("Sales Team").orElseThrow().memberEmails())
        .hasSize(201)
        .containsAll(
            many.subList(0, 200).stream().map(id -> id.substring("kb4-email:".length())).toList());
  }

  @Test
  void an_account_that_will_not_list_has_every_stand_in_looked_up_on_its_own() {
    KnowBe4Platform platform = Fixtures.reportingPlatform(simulator);
    TrainingSnapshot snapshot = readWith247More(platform);
    List<String> many = manyIds(snapshot);
    simulator.refuseUnfilteredListing(true);
    simulator.log().clear();

    platform.addMembers(salesTeam(snapshot), many.subList(0, 50));

    assertThat(simulator.findGroup("Sales Team").orElseThrow().memberEmails()).hasSize(51);
    assertThat(
            simulator
                .log()
                .count(r -> r.path().endsWith("/Users") && r.query().containsKey("filter")))
        .isEqualTo(50);
  }

  @Test
  void an_audit_read_carries_scim_ids_never_reporting_ids_and_seats_come_from_the_account() {
    TrainingSnapshot snapshot = Fixtures.reportingPlatform(simulator).withScimListing().read();

    assertThat(snapshot.seats()).hasValue(250);
    assertThat(snapshot.users())
        .containsExactlyInAnyOrder(
            new TrainingUser(
                seeded.get("boss@acme.example").scimId(),
                "boss@acme.example",
                "Bea",
                "Boss",
                null,
                null,
                null,
                true),
            new TrainingUser(
                seeded.get("ann@acme.example").scimId(),
                "ann@acme.example",
                "Ann",
                "Lee",
                "Sales",
                "Rep",
                seeded.get("boss@acme.example").scimId(),
                true),
            new TrainingUser(
                seeded.get("gone@acme.example").scimId(),
                "gone@acme.example",
                "Gus",
                "Gone",
                null,
                null,
                null,
                false));
    assertThat(snapshot.users())
        .extracting(TrainingUser::id)
        .doesNotContainAnyElementsOf(
            seeded.values().stream().map(u -> Long.toString(u.reportingId())).toList());
  }

  @Test
  void groups_and_their_members_carry_scim_ids_in_an_audit_read() {
    TrainingSnapshot snapshot = Fixtures.reportingPlatform(simulator).withScimListing().read();

    Map<String, TrainingGroup> groups =
        snapshot.groups().stream().collect(Collectors.toMap(TrainingGroup::displayName, g -> g));
    assertThat(groups.get("All Users").id())
        .isEqualTo(simulator.findGroup("All Users").orElseThrow().scimId());
    assertThat(groups.get("All Users").memberIds())
        .containsExactlyInAnyOrder(
            seeded.get("boss@acme.example").scimId(), seeded.get("ann@acme.example").scimId());
    assertThat(groups.get("Sales Team").memberIds())
        .containsExactly(seeded.get("ann@acme.example").scimId());
  }

  @Test
  void active_and_archived_users_are_asked_for_explicitly_in_pages_of_500_until_an_empty_page() {
    Fixtures.reportingPlatform(simulator).read();

    List<String> userQueries =
        simulator.log().all().stream()
            .filter(r -> r.path().equals("/v1/users"))
            .map(LoggedRequest::rawQuery)
            .toList();
    assertThat(userQueries)
        .containsExactly(
            "status=active&page=1&per_page=500",
            "status=active&page=2&per_page=500",
            "status=archived&page=1&per_page=500",
            "status=archived&page=2&per_page=500");
  }

  @Test
  void ids_from_a_reporting_read_are_accepted_by_every_write() {
    KnowBe4Platform platform = Fixtures.reportingPlatform(simulator);
    TrainingSnapshot snapshot = platform.read();
    TrainingUser ann = byEmail(snapshot, "ann@acme.example");
    TrainingUser gone = byEmail(snapshot, "gone@acme.example");
    TrainingGroup sales =
        snapshot.groups().stream()
            .filter(g -> g.displayName().equals("Sales Team"))
            .findFirst()
            .orElseThrow();

    platform.update(ann.id(), List.of(new AttributeChange(Attribute.TITLE, "Rep", "Lead")));
    platform.setActive(gone.id(), true);
    platform.addMembers(sales.id(), List.of(gone.id()));

    assertThat(simulator.findByEmail("ann@acme.example").orElseThrow().title()).isEqualTo("Lead");
    assertThat(simulator.findByEmail("gone@acme.example").orElseThrow().active()).isTrue();
    assertThat(simulator.findGroup("Sales Team").orElseThrow().memberEmails())
        .contains("gone@acme.example");
  }

  @Test
  void pacing_below_the_servers_limits_never_draws_a_429() {
    for (int i = 0; i < 20; i++) {
      simulator.seedUser(UserSeed.of("many" + i + "@acme.example"));
    }
    simulator.reportingLimits(25, 0, 0);
    ClientTuning paced =
        Fixtures.fastTuning().toBuilder().reportingPace(20, 1000).pageSizes(100, 3).build();

    Fixtures.reportingPlatform(simulator, paced).read();

    assertThat(simulator.log().count(REPORTING)).isGreaterThan(10);
    assertThat(simulator.log().count(r -> REPORTING.test(r) && r.status() == 429)).isZero();
  }

  @Test
  void an_unpaced_client_is_throttled_by_the_server_and_still_reads_everything_by_retrying() {
    for (int i = 0; i < 20; i++) {
      simulator.seedUser(UserSeed.of("many" + i + "@acme.example"));
    }
    simulator.reportingLimits(4, 0, 0);
    // Pages of one user: about 30 requests sent as fast as they are answered, so that even a
    // slow machine sends a fifth within a second.
    ClientTuning unpaced =
        Fixtures.fastTuning().toBuilder()
            .pageSizes(100, 1)
            .retries(12, Duration.ofMillis(100), Duration.ofMillis(800))
            .build();

    TrainingSnapshot snapshot = Fixtures.reportingPlatform(simulator, unpaced).read();

    assertThat(snapshot.users()).hasSize(23);
    assertThat(simulator.log().count(r -> REPORTING.test(r) && r.status() == 429)).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"adi_manageable", "adi_mangeable"})
  void legacy_spellings_of_the_provisioning_flag_are_read(String spelling) throws Exception {
    simulator.legacyProvisioningField(spelling);
    assertThat(Fixtures.reportingPlatform(simulator).read().users()).hasSize(3);

    ObjectMapper json =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    ReportingUser user =
        json.readValue(
            "{\"id\":1,\"email\":\"a@b.c\",\"" + spelling + "\":true,\"unknown\":[1]}",
            ReportingUser.class);
    assertThat(user.provisioningManaged()).isTrue();
  }

  private static TrainingUser byEmail(TrainingSnapshot snapshot, String email) {
    return snapshot.users().stream().filter(u -> u.email().equals(email)).findFirst().orElseThrow();
  }

  @Test
  void members_are_asked_per_group_when_users_do_not_list_their_groups() {
    simulator.reportingOmitsUserGroups(true);

    TrainingSnapshot snapshot = Fixtures.reportingPlatform(simulator).read();

    assertThat(snapshot.groups())
        .filteredOn(g -> g.displayName().equals("Sales Team"))
        .singleElement()
        .extracting(TrainingGroup::memberIds)
        .isEqualTo(Set.of("kb4-email:ann@acme.example"));
    assertThat(simulator.log().count(r -> r.path().endsWith("/members"))).isEqualTo(2 * 2);
  }

  @Test
  void a_user_only_the_reporting_api_lists_gets_a_stand_in_id_that_writes_resolve_by_email() {
    simulator.unlistedInScim("ann@acme.example");
    KnowBe4Platform platform = Fixtures.reportingPlatform(simulator);

    TrainingUser ann = byEmail(platform.read(), "ann@acme.example");
    platform.update(ann.id(), List.of(new AttributeChange(Attribute.TITLE, "Rep", "Lead")));

    assertThat(ann.id()).isEqualTo("kb4-email:ann@acme.example");
    assertThat(platform.read().groups())
        .filteredOn(g -> g.displayName().equals("Sales Team"))
        .singleElement()
        .extracting(TrainingGroup::memberIds)
        .isEqualTo(Set.of("kb4-email:ann@acme.example"));
    assertThat(simulator.findByEmail("ann@acme.example").orElseThrow().title()).isEqualTo("Lead");
  }

  @Test
  void the_same_reporting_id_on_two_pages_fails_the_read_as_incomplete() {
    try (SimServer server =
        SimServer.start(
            request ->
                request.path().equals("/v1/account")
                    ? SimResponse.json(200, "{\"number_of_seats\":5}")
                    : SimResponse.json(
                        200, "[{\"id\":7,\"email\":\"a@acme.example\",\"status\":\"active\"}]"))) {
      KnowBe4Platform platform =
          new KnowBe4Platform(
              new KnowBe4Settings(
                  simulator.scimUrl(),
                  simulator.scimToken(),
                  "us",
                  server.baseUri(),
                  "some-key",
                  8),
              Fixtures.fastTuning(),
              new ReportingBudgets());

      assertThatThrownBy(platform::read)
          .isInstanceOf(RemoteException.class)
          .hasMessageContaining("incomplete listing: users id 7 came twice (page 2)");
    }
  }
}
