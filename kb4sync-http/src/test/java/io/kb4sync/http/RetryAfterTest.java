package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Retry-After} as RFC 9110 writes it: delay-seconds or any of the three HTTP-date forms. */
class RetryAfterTest {
  private static final Instant NOW = Instant.parse("1994-11-06T08:49:30Z");

  @Test
  void delay_seconds_are_read_as_they_are() {
    assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("007", NOW)).contains(Duration.ofSeconds(7));
  }

  @Test
  void an_absurdly_long_delay_is_capped_not_overflowed() {
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.LONGEST);
  }

  @Test
  void each_of_the_three_http_date_forms_is_read_relative_to_now() {
    Duration seven = Duration.ofSeconds(7);

    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(seven);
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(seven);
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", NOW)).contains(seven);
    // RFC 1123 (and java.time's RFC_1123_DATE_TIME) write a one-digit day.
    assertThat(RetryAfter.parse("Sun, 6 Nov 1994 08:49:37 GMT", NOW)).contains(seven);
  }

  @Test
  void a_date_in_the_past_asks_for_no_wait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", Instant.now()))
        .contains(Duration.ZERO);
  }

  @Test
  void a_two_digit_year_more_than_fifty_years_ahead_is_the_last_century() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    // 94 is 2094, more than 50 years ahead: read as 1994, in the past.
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now)).contains(Duration.ZERO);
    // 30 is 2030.
    assertThat(RetryAfter.parse("Wednesday, 06-Nov-30 00:00:00 GMT", now))
        .contains(Duration.between(now, Instant.parse("2030-11-06T00:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "soon",
        "",
        "-5",
        "+5",
        "1.5",
        "0x10",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "06 Nov 1994 08:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT"
      })
  void anything_else_is_not_a_retry_after_and_the_backoff_applies(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }

  @Test
  void no_header_is_no_wait_asked() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }
}
