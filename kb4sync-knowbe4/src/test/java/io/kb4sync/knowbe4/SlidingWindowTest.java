package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

  /**
   * The system clock, remembering its last reading: the instant a granted send was recorded at. (A
   * reading taken after {@code acquire} returns would add the thread's own scheduling delay.)
   */
  private static LongSupplier clock(AtomicLong lastRead) {
    return () -> {
      long now = System.nanoTime();
      lastRead.set(now);
      return now;
    };
  }

  @Test
  void no_window_of_the_period_ever_holds_more_sends_than_the_permits()
      throws InterruptedException {
    AtomicLong lastRead = new AtomicLong();
    SlidingWindow window = new SlidingWindow(3, Duration.ofMillis(100), clock(lastRead));
    List<Long> sent = new ArrayList<>();

    for (int i = 0; i < 12; i++) {
      assertThat(window.acquire(Duration.ofSeconds(5))).isTrue();
      sent.add(lastRead.get());
    }

    long period = Duration.ofMillis(100).toNanos();
    for (int i = 0; i + 3 < sent.size(); i++) {
      assertThat(sent.get(i + 3) - sent.get(i))
          .as("sends %d..%d", i, i + 3)
          .isGreaterThanOrEqualTo(period);
    }
  }

  @Test
  void a_send_that_would_wait_longer_than_allowed_is_refused() throws InterruptedException {
    SlidingWindow window = new SlidingWindow(1, Duration.ofMinutes(1), System::nanoTime);

    assertThat(window.acquire(Duration.ofMillis(10))).isTrue();
    assertThat(window.acquire(Duration.ofMillis(10))).isFalse();
  }

  @Test
  void without_a_margin_one_permit_a_period_is_a_smooth_pace() throws InterruptedException {
    Duration period = Duration.ofMillis(20);
    AtomicLong lastRead = new AtomicLong();
    SlidingWindow pace = new SlidingWindow(1, period, Duration.ZERO, clock(lastRead));
    List<Long> sent = new ArrayList<>();

    for (int i = 0; i < 6; i++) {
      assertThat(pace.acquire(Duration.ofSeconds(5))).isTrue();
      sent.add(lastRead.get());
    }

    for (int i = 0; i + 1 < sent.size(); i++) {
      assertThat(sent.get(i + 1) - sent.get(i)).isGreaterThanOrEqualTo(period.toNanos());
    }
  }
}
