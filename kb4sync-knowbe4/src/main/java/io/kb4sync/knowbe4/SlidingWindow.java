package io.kb4sync.knowbe4;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * At most {@code permits} sends in any {@code period}, counted over a sliding window as the
 * Reporting API counts them (fixed cycles allow twice the limit around a cycle boundary). A margin
 * is added to the period so a request that travels a little slower than the one before it still
 * lands outside the server's window.
 */
final class SlidingWindow {
  /** Added to the period: network jitter between our clock and the server's arrival times. */
  static final Duration MARGIN = Duration.ofMillis(250);

  private final int permits;
  private final long periodNanos;
  private final LongSupplier nanos;
  private final Deque<Long> sent = new ArrayDeque<>();

  SlidingWindow(int permits, Duration period, LongSupplier nanos) {
    this(permits, period, MARGIN, nanos);
  }

  /**
   * @param margin added to the period; zero for a pace of our own making (no server counts it)
   */
  SlidingWindow(int permits, Duration period, Duration margin, LongSupplier nanos) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1");
    }
    this.permits = permits;
    this.periodNanos = period.plus(margin).toNanos();
    this.nanos = nanos;
  }

  /**
   * Waits until one more send fits the window and records it.
   *
   * @return false when that would take longer than {@code maxWait}
   */
  boolean acquire(Duration maxWait) throws InterruptedException {
    long deadline = nanos.getAsLong() + maxWait.toNanos();
    while (true) {
      long wait;
      synchronized (this) {
        long now = nanos.getAsLong();
        while (!sent.isEmpty() && now - sent.peekFirst() >= periodNanos) {
          sent.pollFirst();
        }
        if (sent.size() < permits) {
          sent.addLast(now);
          return true;
        }
        wait = sent.peekFirst() + periodNanos - now;
        if (now + wait > deadline) {
          return false;
        }
      }
      Thread.sleep(Math.max(1, wait / 1_000_000), (int) (wait % 1_000_000));
    }
  }
}
