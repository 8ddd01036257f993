package io.kb4sync.simulators.knowbe4;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Sliding-window request counting for the Reporting API limits (per second, per minute, per day). A
 * limit of 0 or less switches that window off.
 */
final class RateWindow {
  private final LongSupplier nanos;
  private final Deque<Long> lastMinute = new ArrayDeque<>();
  private long dayStart;
  private long today;

  RateWindow(LongSupplier nanos) {
    this.nanos = nanos;
    this.dayStart = nanos.getAsLong();
  }

  /** Forgets every request counted so far (a new day, minute and second). */
  synchronized void reset() {
    lastMinute.clear();
    dayStart = nanos.getAsLong();
    today = 0;
  }

  /** True when the day's requests reached {@code perDay} (the daily limit, not a burst limit). */
  synchronized boolean dayExhausted(long perDay) {
    return perDay > 0 && today >= perDay;
  }

  /** Records a request when it fits all windows; false (and nothing recorded) when it does not. */
  synchronized boolean tryAcquire(int perSecond, int perMinute, long perDay) {
    return tryAcquire(nanos.getAsLong(), perSecond, perMinute, perDay);
  }

  /**
   * The same for a request handled at {@code now} (what the request log records, so that counting
   * the log per window agrees with this). Handler threads may come here slightly out of order: a
   * request counted as later than {@code now} is inside the window.
   */
  synchronized boolean tryAcquire(long now, int perSecond, int perMinute, long perDay) {
    lastMinute.removeIf(t -> now - t >= 60_000_000_000L);
    if (now - dayStart >= 86_400_000_000_000L) {
      dayStart = now;
      today = 0;
    }
    if (perDay > 0 && today >= perDay) {
      return false;
    }
    if (perMinute > 0 && lastMinute.size() >= perMinute) {
      return false;
    }
    if (perSecond > 0) {
      long inLastSecond = lastMinute.stream().filter(t -> now - t < 1_000_000_000L).count();
      if (inLastSecond >= perSecond) {
        return false;
      }
    }
    lastMinute.addLast(now);
    today++;
    return true;
  }
}
