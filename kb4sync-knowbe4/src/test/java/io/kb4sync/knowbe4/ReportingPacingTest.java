package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.http.Gate;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: Reporting pacing admits exactly KnowBe4's limits (4 in any second, 50 in any
 * minute), shared by every company on one key, against a simulator that answers 429 above them.
 * Rates are asserted as counts of the simulator's logged requests per window, never as times.
 */
class ReportingPacingTest {
  private static final Predicate<LoggedRequest> REPORTING = r -> r.path().startsWith("/v1/");
  private static final Duration SECOND = Duration.ofSeconds(1);

  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();

  @AfterEach
  void stop() {
    simulator.close();
  }

  /** Fast retries, but the production Reporting pace (4/s, 50/min). */
  private static ClientTuning paced() {
    return Fixtures.fastTuning().toBuilder()
        .reportingPace(
            ClientTuning.DEFAULT_REPORTING_PER_SECOND, ClientTuning.DEFAULT_REPORTING_PER_MINUTE)
        .build();
  }

  private KnowBe4Platform platform(ReportingBudgets budgets) {
    return new KnowBe4Platform(
        new KnowBe4Settings(
            simulator.scimUrl(),
            simulator.scimToken(),
            "us",
            simulator.reportingUrl(),
            simulator.reportingKey(),
            KnowBe4Settings.DEFAULT_WRITE_CONCURRENCY),
        paced(),
        budgets);
  }

  private void seed(int users) {
    simulator.seats(users * 2);
    for (int n = 0; n < users; n++) {
      simulator.seedUser(
          UserSeed.of("user" + n + "@acme.example")
              .named("User", "Number" + n)
              .groups("All Users", "Team " + n % 6));
    }
  }

  @Test
  void
      a_read_of_5000_users_sends_15_reporting_requests_never_more_than_4_a_second_and_none_is_refused() {
    seed(5_000);

    TrainingSnapshot read = platform(new ReportingBudgets()).read();

    assertThat(read.users()).hasSize(5_000);
    // 1 account + active users (10 pages of 500 and the empty one that ends them) + archived
    // (one empty page) + groups (1 page and the empty one): KnowBe4 documents no total, only
    // "until an empty array", so a short page is not taken as the end.
    assertThat(simulator.log().count(REPORTING)).isEqualTo(15);
    assertThat(simulator.log().count(r -> r.status() == 429)).isZero();
    // Never more than 4 in a second. That they go out at 4 (no slower) is a matter of time: the
    // clock-driven tests below show the windows admit 4 at once; BENCHMARKS.md measures the pace.
    assertThat(simulator.log().mostWithin(SECOND, REPORTING)).isLessThanOrEqualTo(4);
  }

  @Test
  void two_companies_on_one_key_together_never_send_more_than_4_reporting_requests_a_second() {
    seed(1_200);
    ReportingBudgets processWide = new ReportingBudgets();
    KnowBe4Platform first = platform(processWide);
    KnowBe4Platform second = platform(processWide);

    CompletableFuture<TrainingSnapshot> one = CompletableFuture.supplyAsync(first::read);
    CompletableFuture<TrainingSnapshot> two = CompletableFuture.supplyAsync(second::read);

    assertThat(one.join().users()).hasSize(1_200);
    assertThat(two.join().users()).hasSize(1_200);
    // Each read: 1 account + 4 pages of active users + 1 archived + 2 of groups.
    assertThat(simulator.log().count(REPORTING)).isEqualTo(2 * 8);
    assertThat(simulator.log().count(r -> r.status() == 429)).isZero();
    assertThat(simulator.log().mostWithin(SECOND, REPORTING)).isLessThanOrEqualTo(4);
  }

  @Test
  void companies_on_different_keys_are_paced_apart() {
    ReportingBudgets budgets = new ReportingBudgets();
    KnowBe4Settings one =
        new KnowBe4Settings(simulator.scimUrl(), "t", "us", simulator.reportingUrl(), "key-one", 8);
    KnowBe4Settings other =
        new KnowBe4Settings(simulator.scimUrl(), "t", "us", simulator.reportingUrl(), "key-two", 8);

    assertThat(budgets.forAccount(one, paced())).isSameAs(budgets.forAccount(one, paced()));
    assertThat(budgets.forAccount(one, paced())).isNotSameAs(budgets.forAccount(other, paced()));
  }

  @Test
  void a_request_counts_until_one_period_after_its_answer_not_after_its_send() throws Exception {
    AtomicLong now = new AtomicLong(0);
    ReportingWindows windows =
        new ReportingWindows(
            new int[] {4, 50}, new Duration[] {SECOND, Duration.ofMinutes(1)}, now::get);
    List<Gate.Permit> permits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      permits.add(windows.acquire(false));
    }
    assertThat(windows.freeAt(0))
        .as("four in flight: free when one is answered")
        .isEqualTo(Long.MAX_VALUE);

    now.set(300_000_000L);
    permits.get(0).close();

    assertThat(windows.freeAt(now.get())).isEqualTo(1_300_000_000L);
    now.set(1_300_000_000L);
    assertThat(windows.freeAt(now.get())).isLessThanOrEqualTo(now.get());
  }

  @Test
  void four_requests_go_out_at_once_and_the_fifth_waits_for_the_first_answer_plus_a_second()
      throws Exception {
    AtomicLong now = new AtomicLong(0);
    ReportingWindows windows =
        new ReportingWindows(
            new int[] {4, 50}, new Duration[] {SECOND, Duration.ofMinutes(1)}, now::get);
    for (int i = 0; i < 4; i++) {
      assertThat(windows.freeAt(now.get())).as("request %d", i + 1).isLessThanOrEqualTo(now.get());
      Gate.Permit sent = windows.acquire(false);
      now.addAndGet(20_000_000L); // answered 20 ms later, the next one sent at once
      sent.close();
    }

    assertThat(windows.freeAt(now.get())).isEqualTo(20_000_000L + 1_000_000_000L);
  }

  @Test
  void fifty_requests_fill_the_minute_whatever_the_second_allows() throws Exception {
    AtomicLong now = new AtomicLong(0);
    ReportingWindows windows =
        new ReportingWindows(
            new int[] {4, 50}, new Duration[] {SECOND, Duration.ofMinutes(1)}, now::get);
    for (int i = 0; i < 50; i++) {
      now.set(i * 300_000_000L);
      windows.acquire(false).close();
    }
    long last = 49 * 300_000_000L;

    assertThat(windows.freeAt(last + 1_000_000_000L)).isEqualTo(60_000_000_000L);
  }
}
