package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.health.CheckResult;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.testing.MovingClock;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, points 2 to 6, against the simulator in each of its modes: writes accepted and not
 * applied (Test Mode, delayed apply), Reporting lag, users only the Reporting API lists, the daily
 * allowance, and listing support.
 */
class KnowBe4AssumptionsTest {
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();
  private final MovingClock clock = new MovingClock(Instant.parse("2025-03-03T09:00:00Z"));

  @BeforeEach
  void seed() {
    simulator.reportingLimits(0, 0, 0).seats(100).clock(clock);
    simulator.seedUser(UserSeed.of("ann@acme.example").named("Ann", "Lee").groups("All Users"));
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private KnowBe4Platform reporting(CountsInMemory counts) {
    return new KnowBe4Platform(
        new KnowBe4Settings(
            simulator.scimUrl(),
            simulator.scimToken(),
            "us",
            simulator.reportingUrl(),
            simulator.reportingKey(),
            4),
        Fixtures.fastTuning(),
        new ReportingBudgets(),
        counts,
        clock);
  }

  private static NewUser bob() {
    return new NewUser("bob@acme.example", "Bob", "Roe", null, null, "m365-bob");
  }

  // ---- 2: writes accepted, not applied

  @Test
  void inTestModeACreateIsAnsweredWithAnIdAndNothingIsMade() {
    simulator.testMode(true);
    TrainingUser created = Fixtures.scimPlatform(simulator).create(bob());

    assertThat(created.id()).isNotBlank();
    assertThat(simulator.findByEmail("bob@acme.example")).isEmpty();
    assertThat(Fixtures.scimPlatform(simulator).read().users())
        .extracting(TrainingUser::email)
        .containsExactly("ann@acme.example");
  }

  @Test
  void withDelayedApplyAWriteShowsOnlyOnceItsTimeHasCome() {
    simulator.applyDelay(Duration.ofMinutes(5));
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);
    platform.create(bob());
    assertThat(platform.read().users()).hasSize(1);
    assertThat(simulator.queuedWrites()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    assertThat(platform.read().users())
        .extracting(TrainingUser::email)
        .contains("bob@acme.example");
  }

  @Test
  void aDelayedCreateSentTwiceStillMakesOneUser() {
    simulator.applyDelay(Duration.ofMinutes(5));
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);
    platform.create(bob());
    platform.createUnlessPresent(bob());
    clock.advance(Duration.ofMinutes(10));

    assertThat(platform.read().users())
        .extracting(TrainingUser::email)
        .containsOnlyOnce("bob@acme.example");
  }

  @Test
  void aCreateSentAgainLooksTheUserUpFirstAndSendsNoPostWhenItExists() {
    simulator.unlistedInScim("ann@acme.example");
    simulator.log().clear();

    TrainingUser found =
        Fixtures.scimPlatform(simulator)
            .createUnlessPresent(new NewUser("ann@acme.example", "Ann", "Lee", null, null, "x"));

    assertThat(found.email()).isEqualTo("ann@acme.example");
    assertThat(simulator.log().writes()).isZero();
    assertThat(simulator.scimCreates()).isZero();
  }

  // ---- 3: users the Reporting API lists and SCIM does not

  @Test
  void usersOnlyTheReportingApiListsAreNamedInTheSnapshotAndByDoctor() {
    simulator.seedUser(UserSeed.of("console@acme.example").named("Con", "Sole"));
    simulator.unlistedInScim("console@acme.example");
    KnowBe4Platform platform = reporting(new CountsInMemory());

    // An audit's read lists SCIM beside the Reporting API (a sync's does not: it reads once).
    assertThat(platform.withScimListing().read().notListedByScim())
        .containsExactly("console@acme.example");
    assertThat(platform.check())
        .filteredOn(r -> r.check().startsWith("users the Reporting API lists"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
              assertThat(r.detail()).startsWith("1: console@acme.example");
            });
  }

  // ---- 4: Reporting lags SCIM

  @Test
  void aUserSoFarOnlyInScimIsReadFromScimByAnAuditSoItIsNotReportedMissing() {
    simulator.reportingLag(Duration.ofMinutes(10));
    KnowBe4Platform platform = reporting(new CountsInMemory());
    TrainingUser created = platform.create(bob());

    TrainingSnapshot read = platform.withScimListing().read();

    assertThat(read.users())
        .filteredOn(u -> u.email().equals("bob@acme.example"))
        .singleElement()
        .satisfies(u -> assertThat(u.id()).isEqualTo(created.id()));
    assertThat(read.notListedByScim()).isEmpty();
  }

  /**
   * A sync reads the Reporting API alone, which does not show bob yet; the engine's pending-writes
   * record holds the create (not sent again within the hour: WritesNotAppliedTest in kb4sync-app),
   * and a create sent again later looks bob up first and finds him.
   */
  @Test
  void aUserSoFarOnlyInScimIsNotCreatedAgainWhenTheCreateIsSentAgain() {
    simulator.reportingLag(Duration.ofMinutes(10));
    KnowBe4Platform platform = reporting(new CountsInMemory());
    TrainingUser created = platform.create(bob());
    simulator.log().clear();

    assertThat(platform.read().users())
        .extracting(TrainingUser::email)
        .doesNotContain("bob@acme.example");
    TrainingUser again = platform.createUnlessPresent(bob());

    assertThat(again.id()).isEqualTo(created.id());
    assertThat(simulator.log().writes()).isZero();
    assertThat(simulator.users()).extracting(u -> u.email()).containsOnlyOnce("bob@acme.example");
  }

  // ---- 5: the daily allowance

  @Test
  void readsThroughScimWhenMoreThan80PercentOfTheDailyAllowanceWasUsed() {
    CountsInMemory counts = new CountsInMemory();
    KnowBe4Platform platform = reporting(counts);
    platform.read();
    long oneRead = counts.total();
    assertThat(oneRead).isPositive();
    simulator.log().clear();
    // 2,000 + 100 seats: 80% is 1,680.
    counts.countRequests(
        "knowbe4-reporting:"
            + ReportingBudgets.digest(simulator.reportingUrl() + "\n" + simulator.reportingKey()),
        clock.instant(),
        1_680);

    TrainingSnapshot read = platform.read();

    assertThat(read.warnings()).singleElement().asString().contains("more than 80%");
    assertThat(read.seats()).hasValue(100);
    assertThat(read.users()).extracting(TrainingUser::email).contains("ann@acme.example");
    assertThat(simulator.log().count(r -> r.path().startsWith("/v1/"))).isEqualTo(1);

    clock.advance(Duration.ofHours(25));
    assertThat(platform.read().warnings()).isEmpty();
  }

  @Test
  void aDailyLimit429SwitchesToScimAndCountsTheDayAsSpent() {
    simulator.reportingLimits(0, 0, 1);
    CountsInMemory counts = new CountsInMemory();
    KnowBe4Platform platform = reporting(counts);

    TrainingSnapshot read = platform.read();

    assertThat(read.warnings()).singleElement().asString().contains("daily limit");
    assertThat(read.seats()).isEmpty();
    assertThat(read.users()).extracting(TrainingUser::email).contains("ann@acme.example");
    assertThat(counts.total()).isGreaterThanOrEqualTo(KnowBe4Platform.DAILY_BASE);
  }

  // ---- 6: listing support

  @Test
  void aRefusedUnfilteredListingFailsTheReadWithAMessageThatSaysSo() {
    simulator.refuseUnfilteredListing(true);
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    assertThatThrownBy(platform::read)
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("does not list all users without a filter")
        .hasMessageContaining("nothing was written");
    assertThat(platform.check())
        .filteredOn(r -> r.check().startsWith("SCIM listing"))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL));
  }

  @Test
  void aCappedListingThatTellsItsTotalFailsTheReadAndDoctor() {
    for (int i = 0; i < 5; i++) {
      simulator.seedUser(UserSeed.of("u" + i + "@acme.example"));
    }
    simulator.capListing(3, false).scimPageCap(2);
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    assertThatThrownBy(platform::read)
        .hasMessageContaining("does not list all users without a filter");
    assertThat(platform.check())
        .filteredOn(r -> r.check().startsWith("SCIM listing"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
              assertThat(r.detail()).contains("capped");
            });
  }

  @Test
  void doctorPassesTheListingOfAnAccountThatListsEveryone() {
    simulator.seedUser(UserSeed.of("bea@acme.example"));
    List<CheckResult> checks = Fixtures.scimPlatform(simulator).check();

    assertThat(checks)
        .filteredOn(r -> r.check().startsWith("SCIM listing"))
        .singleElement()
        .satisfies(r -> assertThat(r.detail()).isEqualTo("lists 2 users, paged to the last"));
  }
}
