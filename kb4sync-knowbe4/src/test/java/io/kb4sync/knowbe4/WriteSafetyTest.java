package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingUser;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries never make duplicates. The simulator here does not check userName uniqueness, so any
 * create the client sent twice would show up as a second user.
 */
class WriteSafetyTest {
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start().uniqueUserNames(false);

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static final Predicate<LoggedRequest> USER_POST =
      r -> r.method().equals("POST") && r.path().endsWith("/Users");
  private static final Predicate<LoggedRequest> USER_LOOKUP =
      r -> r.method().equals("GET") && r.rawQuery() != null && r.rawQuery().startsWith("filter=");

  private static NewUser newUser(String email) {
    return new NewUser(email, "First", "Last", "Ops", "Clerk", null);
  }

  @Test
  void
      a_thousand_concurrent_creates_under_throttling_errors_and_timeouts_leave_exactly_a_thousand_users()
          throws Exception {
    simulator.faults(
        new Faults(20_260_101)
            .throttle(0.10)
            .unavailable(0.025)
            .failAfterApply(0.025)
            .hangAfterApply(0.02, Duration.ofMillis(1500))
            .retryAfterSeconds(0));
    KnowBe4Platform platform =
        Fixtures.scimPlatform(
            simulator.scimUrl(),
            simulator.scimToken(),
            Fixtures.fastTuning().toBuilder()
                .requestTimeout(Duration.ofMillis(400))
                .retries(12, Duration.ofMillis(2), Duration.ofMillis(20))
                .build());

    ExecutorService engineThreads = Executors.newFixedThreadPool(16);
    List<Future<TrainingUser>> futures = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String email = "user" + i + "@acme.example";
      futures.add(engineThreads.submit(() -> platform.create(newUser(email))));
    }
    List<TrainingUser> created = new ArrayList<>();
    for (Future<TrainingUser> future : futures) {
      created.add(future.get(3, TimeUnit.MINUTES));
    }
    engineThreads.shutdown();

    List<UserView> users = simulator.users();
    assertThat(users).hasSize(1000);
    assertThat(users).extracting(UserView::email).doesNotHaveDuplicates();
    Map<String, String> idByEmail =
        users.stream().collect(Collectors.toMap(UserView::email, UserView::scimId));
    assertThat(created)
        .allSatisfy(user -> assertThat(user.id()).isEqualTo(idByEmail.get(user.email())));
    // The faults really happened, and uncertain creates were looked up rather than resent.
    var log = simulator.log();
    assertThat(log.count(r -> r.status() == 429)).isPositive();
    assertThat(log.count(r -> r.status() == 500 && USER_POST.test(r))).isPositive();
    assertThat(log.count(r -> r.status() == 503)).isPositive();
    assertThat(log.count(USER_LOOKUP)).isPositive();
  }

  @Test
  void a_create_whose_answer_timed_out_is_looked_up_and_not_sent_again() {
    simulator.faults(new Faults(1).hangAfterApply(1.0, Duration.ofMillis(1200)));
    KnowBe4Platform platform =
        Fixtures.scimPlatform(
            simulator.scimUrl(),
            simulator.scimToken(),
            Fixtures.fastTuning().toBuilder().requestTimeout(Duration.ofMillis(300)).build());

    TrainingUser user = platform.create(newUser("slow@acme.example"));

    assertThat(simulator.users()).extracting(UserView::scimId).containsExactly(user.id());
    // The hung POST is logged only once the server gives up on it; the store counts it at once.
    assertThat(simulator.scimCreates()).isEqualTo(1);
    assertThat(simulator.log().count(USER_LOOKUP)).isEqualTo(1);
  }

  @Test
  void a_create_answered_with_a_server_error_after_it_was_applied_is_not_sent_again() {
    simulator.faults(new Faults(1).failAfterApply(1.0));
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    TrainingUser user = platform.create(newUser("lost@acme.example"));

    assertThat(simulator.users()).extracting(UserView::scimId).containsExactly(user.id());
    assertThat(simulator.log().count(USER_POST)).isEqualTo(1);
    assertThat(simulator.scimCreates()).isEqualTo(1);
  }

  @Test
  void a_create_refused_with_409_returns_the_existing_user() {
    simulator.uniqueUserNames(true);
    UserView existing = simulator.seedUser(UserSeed.of("exists@acme.example").archived());
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    TrainingUser user = platform.create(newUser("Exists@Acme.Example"));

    assertThat(user.id()).isEqualTo(existing.scimId());
    assertThat(user.active()).isFalse();
    assertThat(simulator.users()).hasSize(1);
  }

  @Test
  void patches_retried_after_lost_answers_still_archive_every_user_once() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(simulator.seedUser(UserSeed.of("p" + i + "@acme.example")).scimId());
    }
    simulator.faults(
        new Faults(7)
            .throttle(0.1)
            .failAfterApply(0.1)
            .hangAfterApply(0.05, Duration.ofMillis(800))
            .retryAfterSeconds(0));
    KnowBe4Platform platform =
        Fixtures.scimPlatform(
            simulator.scimUrl(),
            simulator.scimToken(),
            Fixtures.fastTuning().toBuilder()
                .requestTimeout(Duration.ofMillis(300))
                .retries(12, Duration.ofMillis(2), Duration.ofMillis(20))
                .build());

    ExecutorService engineThreads = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    ids.forEach(id -> futures.add(engineThreads.submit(() -> platform.setActive(id, false))));
    for (Future<?> future : futures) {
      future.get(1, TimeUnit.MINUTES);
    }
    engineThreads.shutdown();

    assertThat(simulator.users()).hasSize(100).noneMatch(UserView::active);
  }

  @Test
  void no_more_writes_are_in_flight_than_write_concurrency_allows() throws Exception {
    simulator.writeDelay(Duration.ofMillis(40));
    KnowBe4Platform platform =
        new KnowBe4Platform(
            new KnowBe4Settings(simulator.scimUrl(), simulator.scimToken(), "us", null, null, 3),
            Fixtures.fastTuning(),
            new ReportingBudgets());

    ExecutorService engineThreads = Executors.newFixedThreadPool(12);
    List<Future<TrainingUser>> futures = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      String email = "c" + i + "@acme.example";
      futures.add(engineThreads.submit(() -> platform.create(newUser(email))));
    }
    for (Future<TrainingUser> future : futures) {
      future.get(1, TimeUnit.MINUTES);
    }
    engineThreads.shutdown();

    assertThat(simulator.maxConcurrentWrites()).isBetween(2, 3);
    assertThat(simulator.users()).hasSize(36);
  }
}
