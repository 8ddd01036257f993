package io.kb4sync.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {

  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

  @Test
  void attempts_in_progress_count_so_that_five_sent_at_once_leave_no_room_for_a_sixth() {
    SignInLimiter limiter = new SignInLimiter(Clock.fixed(T0, ZoneOffset.UTC));
    for (int i = 0; i < SignInLimiter.MAX_FAILURES; i++) {
      assertThat(limiter.tryBegin("admin", "198.51.100." + i)).isTrue();
    }

    assertThat(limiter.tryBegin("admin", "198.51.100.99")).isFalse();

    limiter.end("admin", "198.51.100.0", true);
    assertThat(limiter.tryBegin("admin", "198.51.100.99")).isTrue();
  }

  @Test
  void five_failures_block_the_name_and_the_address_for_the_window() {
    MovingClock clock = new MovingClock();
    SignInLimiter limiter = new SignInLimiter(clock);
    for (int i = 0; i < SignInLimiter.MAX_FAILURES; i++) {
      assertThat(limiter.tryBegin("admin", "198.51.100.7")).isTrue();
      limiter.end("admin", "198.51.100.7", false);
    }

    assertThat(limiter.tryBegin("admin", "203.0.113.1")).isFalse();
    assertThat(limiter.tryBegin("someone", "198.51.100.7")).isFalse();

    clock.now = T0.plus(SignInLimiter.WINDOW);
    assertThat(limiter.tryBegin("admin", "198.51.100.7")).isTrue();
  }

  @Test
  void the_addresses_of_one_ipv6_64_count_together() {
    SignInLimiter limiter = new SignInLimiter(Clock.fixed(T0, ZoneOffset.UTC));
    for (int i = 1; i <= SignInLimiter.MAX_FAILURES; i++) {
      assertThat(limiter.tryBegin("name" + i, "2001:db8:1:2::" + i)).isTrue();
      limiter.end("name" + i, "2001:db8:1:2::" + i, false);
    }

    assertThat(limiter.tryBegin("fresh", "2001:db8:1:2:ffff:ffff:ffff:ffff")).isFalse();
    assertThat(limiter.tryBegin("fresh", "2001:db8:1:3::1")).isTrue();
    assertThat(SignInLimiter.addressKey("2001:DB8:1:2::9"))
        .isEqualTo(SignInLimiter.addressKey("2001:db8:1:2:abcd::1"));
    assertThat(SignInLimiter.addressKey("198.51.100.7")).isEqualTo("address:198.51.100.7");
  }

  @Test
  void a_full_memory_refuses_attempts_rather_than_leaving_them_uncounted() {
    SignInLimiter limiter = new SignInLimiter(Clock.fixed(T0, ZoneOffset.UTC));
    int i = 0;
    while (limiter.tryBegin(
        "name" + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255))) {
      limiter.end("name" + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), false);
      i++;
    }

    assertThat(i).isEqualTo(SignInLimiter.MAX_KEYS / 2);
    assertThat(limiter.tryBegin("admin", "192.0.2.1")).isFalse();
  }

  private static final class MovingClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
