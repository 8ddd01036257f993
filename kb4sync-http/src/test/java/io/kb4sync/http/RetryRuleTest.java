package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryRuleTest {
  private final RetryRule rule =
      RetryRule.builder()
          .maxAttempts(5)
          .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
          .jitter(true)
          .maxWait(Duration.ofSeconds(20))
          .maxTotalWait(Duration.ofSeconds(20))
          .build();

  @Test
  void a_retry_after_is_used_as_the_wait() {
    assertThat(rule.nextWait(1, Duration.ZERO, Optional.of(Duration.ofSeconds(4))))
        .contains(Duration.ofSeconds(4));
  }

  @Test
  void without_retry_after_the_wait_grows_exponentially_with_jitter_up_to_the_cap() {
    for (int attempt = 1; attempt <= 4; attempt++) {
      long full = Math.min(8_000, 1_000L << (attempt - 1));
      Duration wait = rule.nextWait(attempt, Duration.ZERO, Optional.empty()).orElseThrow();

      assertThat(wait.toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void without_jitter_the_backoff_doubles_exactly_up_to_the_cap() {
    RetryRule exact = rule.toBuilder().jitter(false).build();

    assertThat(exact.nextWait(1, Duration.ZERO, Optional.empty())).contains(Duration.ofSeconds(1));
    assertThat(exact.nextWait(3, Duration.ZERO, Optional.empty())).contains(Duration.ofSeconds(4));
    assertThat(exact.nextWait(4, Duration.ZERO, Optional.empty())).contains(Duration.ofSeconds(8));
  }

  @Test
  void no_retry_is_left_after_the_last_attempt() {
    assertThat(rule.nextWait(5, Duration.ZERO, Optional.empty())).isEmpty();
  }

  @Test
  void a_wait_that_would_overrun_the_total_budget_is_not_taken() {
    assertThat(rule.nextWait(2, Duration.ofSeconds(17), Optional.of(Duration.ofSeconds(4))))
        .isEmpty();
    assertThat(rule.nextWait(2, Duration.ofSeconds(16), Optional.of(Duration.ofSeconds(4))))
        .contains(Duration.ofSeconds(4));
  }

  @Test
  void a_single_wait_longer_than_the_longest_allowed_ends_the_retries() {
    RetryRule patient = rule.toBuilder().maxWait(Duration.ofSeconds(10)).build();

    assertThat(patient.nextWait(1, Duration.ZERO, Optional.of(Duration.ofSeconds(11)))).isEmpty();
    assertThat(patient.nextWait(1, Duration.ZERO, Optional.of(RetryAfter.LONGEST))).isEmpty();
  }

  @Test
  void statuses_are_told_apart_for_idempotent_and_other_requests() {
    RetryRule graphLike =
        RetryRule.builder()
            .status(s -> s == 429 || s == 503 || s == 504)
            .unsafeStatus(RetryRule.NOT_ACTED_ON)
            .build();

    assertThat(graphLike.retries(504, true)).isTrue();
    assertThat(graphLike.retries(504, false)).isFalse();
    assertThat(graphLike.retries(503, false)).isTrue();
    assertThat(graphLike.retries(500, true)).isFalse();
  }

  @Test
  void a_failed_connection_is_always_retried_and_a_lost_answer_only_for_idempotent_requests() {
    RetryRule withTimeouts = rule.toBuilder().timeouts(true).build();

    assertThat(rule.retries(HttpFailure.Kind.CONNECT, false)).isTrue();
    assertThat(rule.retries(HttpFailure.Kind.TIMEOUT, true)).isFalse();
    assertThat(withTimeouts.retries(HttpFailure.Kind.TIMEOUT, true)).isTrue();
    assertThat(withTimeouts.retries(HttpFailure.Kind.BROKEN, true)).isTrue();
    assertThat(withTimeouts.retries(HttpFailure.Kind.TIMEOUT, false)).isFalse();
    assertThat(withTimeouts.retries(HttpFailure.Kind.BROKEN, false)).isFalse();
    assertThat(withTimeouts.retries(HttpFailure.Kind.TOO_LARGE, true)).isFalse();
    assertThat(withTimeouts.retries(HttpFailure.Kind.INTERRUPTED, true)).isFalse();
  }

  @Test
  void fewer_than_one_attempt_is_refused() {
    assertThatThrownBy(() -> rule.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1");
  }
}
