package io.kb4sync.app.knowbe4;

import static io.kb4sync.core.testing.People.m365;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.PendingWrite;
import io.kb4sync.core.sync.SyncListener;
import io.kb4sync.core.sync.SyncService;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.testing.People;
import io.kb4sync.knowbe4.ClientTuning;
import io.kb4sync.knowbe4.KnowBe4Platform;
import io.kb4sync.knowbe4.KnowBe4Settings;
import io.kb4sync.knowbe4.ReportingBudgets;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, point 2: writes KnowBe4 accepts but does not apply (SCIM Test Mode, a delayed apply),
 * over several runs of one company against the simulator and a state store.
 */
class WritesNotAppliedTest {
  private static final Predicate<LoggedRequest> CREATE =
      r -> r.method().equals("POST") && r.path().endsWith("/Users");

  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final Moving clock = new Moving(Instant.parse("2025-03-03T09:00:00Z"));
  private final DirectorySnapshot tenant = People.tenant(m365("ann"), m365("bob"));
  private final Company company = new Company("acme", "Acme", "kb4sync.yaml");

  @BeforeEach
  void seed() {
    simulator.clock(clock);
    io.kb4sync.core.directory.DirectoryUser ann = m365("ann").build();
    simulator.seedUser(
        UserSeed.of("ann@acme.example")
            .named(ann.givenName(), ann.surname())
            .department(ann.department())
            .title(ann.jobTitle()));
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Report sync() {
    KnowBe4Platform platform =
        new KnowBe4Platform(
            KnowBe4Settings.scimOnly(simulator.scimUrl(), simulator.scimToken(), "us"),
            ClientTuning.defaults().toBuilder()
                .retries(2, Duration.ofMillis(1), Duration.ofMillis(2))
                .scimWritesPerSecond(0)
                .build(),
            new ReportingBudgets());
    simulator.log().clear();
    return new SyncService(store, clock, SyncListener.none())
        .run(company, SyncOptions.defaults(), () -> tenant, platform)
        .report();
  }

  @Test
  void inTestModeACreateIsPendingForAnHourThenSentAgainAtMostOnceADayAndTheRunEndsPartial() {
    simulator.testMode(true);
    assertThat(sync().outcome()).isEqualTo(Outcome.OK);
    assertThat(simulator.log().count(CREATE)).isEqualTo(1);
    assertThat(store.pendingWrites("acme"))
        .singleElement()
        .satisfies(w -> assertThat(w.kind()).isEqualTo(PendingWrite.Kind.CREATE));

    clock.advance(Duration.ofMinutes(10));
    Report pending = sync();
    assertThat(pending.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(pending.exitCode()).isEqualTo(3);
    assertThat(pending.usersCreated()).isEmpty();
    assertThat(simulator.log().count(CREATE)).isZero();
    assertThat(pending.warnings())
        .filteredOn(w -> w.contains("not visible in KnowBe4"))
        .singleElement()
        .asString()
        .contains("bob@acme.example")
        .contains("1 sent less than an hour ago are pending")
        .contains("Test Mode")
        .contains("User Provisioning");

    clock.advance(Duration.ofHours(1));
    Report resent = sync();
    assertThat(resent.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(resent.warnings()).anySatisfy(w -> assertThat(w).contains("1 are sent again now"));
    // Looked up first (GET ?filter=userName eq), then sent.
    assertThat(
            simulator
                .log()
                .count(
                    r ->
                        "GET".equals(r.method())
                            && r.rawQuery() != null
                            && r.rawQuery().contains("filter")))
        .isEqualTo(1);
    assertThat(simulator.log().count(CREATE)).isEqualTo(1);

    clock.advance(Duration.ofHours(2));
    assertThat(sync().outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(simulator.log().count(CREATE)).isZero();

    simulator.testMode(false);
    clock.advance(Duration.ofDays(1));
    sync();
    assertThat(simulator.log().count(CREATE)).isEqualTo(1);
    assertThat(simulator.findByEmail("bob@acme.example")).isPresent();

    clock.advance(Duration.ofMinutes(5));
    Report settled = sync();
    assertThat(settled.outcome()).isEqualTo(Outcome.OK);
    assertThat(settled.warnings()).noneMatch(w -> w.contains("not visible"));
    assertThat(simulator.users()).extracting(u -> u.email()).containsOnlyOnce("bob@acme.example");
  }

  @Test
  void aDelayedCreateIsNotSentAgainWhileYoungAndCountsAsDoneOnceVisible() {
    simulator.applyDelay(Duration.ofMinutes(30));
    sync();
    clock.advance(Duration.ofMinutes(10));
    assertThat(sync().outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(simulator.log().count(CREATE)).isZero();

    clock.advance(Duration.ofMinutes(25));
    Report done = sync();
    assertThat(done.outcome()).isEqualTo(Outcome.OK);
    assertThat(simulator.log().count(CREATE)).isZero();
    assertThat(simulator.users()).extracting(u -> u.email()).containsOnlyOnce("bob@acme.example");
    assertThat(store.pendingWrites("acme")).isEmpty();
  }

  @Test
  void anArchiveInTestModeIsHeldAndReported() {
    simulator.seedUser(UserSeed.of("gone@acme.example"));
    simulator.testMode(true);
    SyncOptions remove = SyncOptions.builder().removeStaleUsers(true).build();
    KnowBe4Platform platform =
        new KnowBe4Platform(
            KnowBe4Settings.scimOnly(simulator.scimUrl(), simulator.scimToken(), "us"),
            ClientTuning.defaults().toBuilder().scimWritesPerSecond(0).build(),
            new ReportingBudgets());
    SyncService service = new SyncService(store, clock, SyncListener.none());
    service.run(company, remove, () -> tenant, platform);
    clock.advance(Duration.ofMinutes(20));
    simulator.log().clear();

    Report second = service.run(company, remove, () -> tenant, platform).report();

    assertThat(second.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(second.usersArchived()).isEmpty();
    assertThat(second.warnings()).anySatisfy(w -> assertThat(w).contains("1 archive"));
    assertThat(simulator.log().count(r -> r.method().equals("PATCH"))).isZero();
  }

  /** A clock the test moves. */
  private static final class Moving extends Clock {
    private volatile Instant now;

    Moving(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
