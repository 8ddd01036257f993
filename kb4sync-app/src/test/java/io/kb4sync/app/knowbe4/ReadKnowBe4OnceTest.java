package io.kb4sync.app.knowbe4;

import static io.kb4sync.core.testing.People.m365;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.sync.SyncListener;
import io.kb4sync.core.sync.SyncService;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.testing.MovingClock;
import io.kb4sync.core.testing.People;
import io.kb4sync.knowbe4.ClientTuning;
import io.kb4sync.knowbe4.KnowBe4Platform;
import io.kb4sync.knowbe4.KnowBe4Settings;
import io.kb4sync.knowbe4.ReportingBudgets;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, item 2: with a Reporting key a sync reads the Reporting API alone (stand-in ids); the
 * identity rules still hold over several runs of one company against the simulator and a state
 * store: no second user, no archive, and a renamed mailbox stays the same KnowBe4 user, whichever
 * way the key is switched.
 */
class ReadKnowBe4OnceTest {
  private static final Predicate<LoggedRequest> CREATE =
      r -> r.method().equals("POST") && r.path().endsWith("/Users");
  private static final Predicate<LoggedRequest> SCIM = r -> r.path().startsWith("/scim/");

  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final MovingClock clock = new MovingClock(Instant.parse("2025-03-03T09:00:00Z"));
  private final Company company = new Company("acme", "Acme", "kb4sync.yaml");
  private final SyncOptions options = SyncOptions.builder().removeStaleUsers(true).build();
  private DirectorySnapshot tenant = People.tenant(m365("ann"), m365("bob"));
  private String annScimId;

  @BeforeEach
  void seed() {
    simulator.clock(clock).reportingLimits(0, 0, 0);
    io.kb4sync.core.directory.DirectoryUser ann = m365("ann").build();
    annScimId =
        simulator
            .seedUser(
                UserSeed.of("ann@acme.example")
                    .named(ann.givenName(), ann.surname())
                    .department(ann.department())
                    .title(ann.jobTitle()))
            .scimId();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Report sync(boolean reportingKey) {
    KnowBe4Settings settings =
        reportingKey
            ? new KnowBe4Settings(
                simulator.scimUrl(),
                simulator.scimToken(),
                "us",
                simulator.reportingUrl(),
                simulator.reportingKey(),
                4)
            : KnowBe4Settings.scimOnly(simulator.scimUrl(), simulator.scimToken(), "us");
    KnowBe4Platform platform =
        new KnowBe4Platform(
            settings,
            ClientTuning.defaults().toBuilder()
                .retries(2, Duration.ofMillis(1), Duration.ofMillis(2))
                .scimWritesPerSecond(0)
                .reportingPace(0, 0)
                .build(),
            new ReportingBudgets());
    simulator.log().clear();
    DirectorySnapshot now = tenant;
    return new SyncService(store, clock, SyncListener.none())
        .run(company, options, () -> now, platform)
        .report();
  }

  @Test
  void a_no_op_sync_with_a_reporting_key_sends_no_scim_request() {
    sync(false);

    Report noOp = sync(true);

    assertThat(noOp.outcome()).isEqualTo(Outcome.OK);
    assertThat(simulator.log().count(SCIM)).isZero();
  }

  @Test
  void a_create_the_reporting_api_does_not_show_yet_is_not_sent_again() {
    simulator.reportingLag(Duration.ofMinutes(10));
    assertThat(sync(true).outcome()).isEqualTo(Outcome.OK);
    assertThat(simulator.log().count(CREATE)).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    Report lagging = sync(true);

    // Held by the pending-writes record: not visible yet, not sent again, said in a warning.
    assertThat(lagging.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(lagging.usersCreated()).isEmpty();
    assertThat(simulator.log().count(CREATE)).isZero();
    assertThat(lagging.warnings()).anySatisfy(w -> assertThat(w).contains("bob@acme.example"));

    clock.advance(Duration.ofMinutes(10));
    Report visible = sync(true);
    assertThat(visible.outcome()).isEqualTo(Outcome.OK);
    assertThat(simulator.log().count(CREATE)).isZero();
    assertThat(simulator.log().writes()).isZero();
    assertThat(simulator.users()).extracting(UserView::email).containsOnlyOnce("bob@acme.example");
  }

  @Test
  void switching_the_reporting_key_on_and_off_creates_and_archives_no_one() {
    assertThat(sync(false).outcome()).isEqualTo(Outcome.OK);
    assertThat(store.load("acme").links().values()).extracting(Link::knowbe4Id).contains(annScimId);

    for (boolean key : new boolean[] {true, false, true, true, false}) {
      Report run = sync(key);

      assertThat(run.outcome()).as("key %s", key).isEqualTo(Outcome.OK);
      assertThat(simulator.log().writes()).as("writes, key %s", key).isZero();
    }
    assertThat(simulator.users()).hasSize(2).allSatisfy(u -> assertThat(u.active()).isTrue());
  }

  @Test
  void a_renamed_mailbox_stays_the_same_knowbe4_user_with_the_reporting_key_on_or_off() {
    sync(false);
    tenant =
        People.tenant(
            m365("ann").mail("ann.lee@acme.example").upn("ann.lee@acme.onmicrosoft.com"),
            m365("bob"));

    Report renamed = sync(true);

    assertThat(renamed.outcome()).isEqualTo(Outcome.OK);
    assertThat(simulator.log().count(CREATE)).isZero();
    UserView ann = simulator.findByEmail("ann.lee@acme.example").orElseThrow();
    assertThat(ann.scimId()).isEqualTo(annScimId);
    assertThat(ann.active()).isTrue();
    for (boolean key : new boolean[] {true, false, true}) {
      sync(key);
      assertThat(simulator.log().writes()).as("writes, key %s", key).isZero();
    }
    assertThat(simulator.users()).hasSize(2).allSatisfy(u -> assertThat(u.active()).isTrue());
  }

  @ParameterizedTest(name = "first read {0}, then the other surface")
  @ValueSource(booleans = {true, false})
  void a_rename_knowbe4_has_not_applied_yet_survives_a_switch_of_read_surface(boolean reporting) {
    sync(reporting);
    simulator.applyDelay(Duration.ofMinutes(30)); // accepted now, applied later (Test Mode alike)
    tenant =
        People.tenant(
            m365("ann").mail("ann.lee@acme.example").upn("ann.lee@acme.onmicrosoft.com"),
            m365("bob"));
    sync(reporting); // the email change is sent, not applied yet
    assertThat(simulator.log().count(CREATE)).isZero();

    clock.advance(Duration.ofMinutes(5));
    Report switched = sync(!reporting); // the key removed, or added; or the allowance fallback

    // Found by the address KnowBe4 still holds: no second Ann, the first one not archived.
    assertThat(simulator.log().count(CREATE)).isZero();
    assertThat(switched.usersArchived()).isEmpty();
    clock.advance(Duration.ofHours(1));
    sync(reporting);
    assertThat(simulator.users())
        .filteredOn(u -> u.email().startsWith("ann"))
        .singleElement()
        .satisfies(u -> assertThat(u.scimId()).isEqualTo(annScimId))
        .satisfies(u -> assertThat(u.active()).isTrue());
  }

  @Test
  void a_knowbe4_address_with_capitals_is_written_where_the_userName_filter_minds_case() {
    simulator.caseSensitiveUserNameFilter(true);
    String cyId = simulator.seedUser(UserSeed.of("Cy@Acme.example").named("Old", "Name")).scimId();
    tenant = People.tenant(m365("ann"), m365("bob"), m365("cy"));

    Report run = sync(true);

    assertThat(run.errors()).isEmpty();
    assertThat(simulator.log().count(CREATE)).isEqualTo(1); // bob only
    assertThat(simulator.users())
        .filteredOn(u -> u.scimId().equals(cyId))
        .singleElement()
        .satisfies(u -> assertThat(u.givenName()).isEqualTo(m365("cy").build().givenName()));
  }
}
