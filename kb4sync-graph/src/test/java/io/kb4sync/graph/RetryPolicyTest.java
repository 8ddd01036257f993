package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(
          5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(20), d -> {});

  @Test
  void a_retry_after_is_used_as_the_wait() {
    assertThat(policy.nextWait(1, Duration.ZERO, Optional.of(Duration.ofSeconds(4))))
        .contains(Duration.ofSeconds(4));
  }

  @Test
  void without_retry_after_the_wait_grows_exponentially_with_jitter_up_to_the_cap() {
    for (int attempt = 1; attempt <= 4; attempt++) {
      long full = Math.min(8_000, 1_000L << (attempt - 1));
      Duration wait = policy.nextWait(attempt, Duration.ZERO, Optional.empty()).orElseThrow();

      assertThat(wait.toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void no_retry_is_left_after_the_last_attempt() {
    assertThat(policy.nextWait(5, Duration.ZERO, Optional.empty())).isEmpty();
  }

  @Test
  void a_wait_that_would_overrun_the_total_budget_is_not_taken() {
    assertThat(policy.nextWait(2, Duration.ofSeconds(17), Optional.of(Duration.ofSeconds(4))))
        .isEmpty();
    assertThat(policy.nextWait(2, Duration.ofSeconds(16), Optional.of(Duration.ofSeconds(4))))
        .contains(Duration.ofSeconds(4));
  }

  @Test
  void waits_of_five_seconds_or_more_are_told_at_warn_and_shorter_ones_at_info() {
    org.assertj.core.api.Assertions.assertThat(
            RetryingHttp.levelOf(java.time.Duration.ofSeconds(5)))
        .isEqualTo(org.slf4j.event.Level.WARN);
    org.assertj.core.api.Assertions.assertThat(
            RetryingHttp.levelOf(java.time.Duration.ofMillis(4999)))
        .isEqualTo(org.slf4j.event.Level.INFO);
  }
}
