package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpOptionsTest {

  @Test
  void with_timeouts_connects_within_the_connect_timeout_and_keeps_the_default_budget() {
    HttpOptions options = HttpOptions.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

    assertThat(options)
        .isEqualTo(
            new HttpOptions(
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30)));
  }

  @Test
  void a_request_timeout_shorter_than_the_connect_timeout_bounds_connecting_too() {
    HttpOptions options = HttpOptions.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2));

    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fewer_than_one_attempt_is_refused() {
    assertThatThrownBy(
            () ->
                new HttpOptions(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    0,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1");
  }

  @Test
  void a_zero_or_negative_timeout_is_refused() {
    assertThatThrownBy(
            () ->
                new HttpOptions(
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .hasMessage("timeouts must be positive");
    assertThatThrownBy(
            () ->
                new HttpOptions(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(-1),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .hasMessage("timeouts must be positive");
  }

  @Test
  void a_missing_duration_is_refused_by_name() {
    assertThatThrownBy(
            () ->
                new HttpOptions(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 1, null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("initialBackoff");
  }
}
