package io.kb4sync.knowbe4;

import io.kb4sync.http.Gate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The Reporting API's limits of one account as sliding windows: at most {@code permits[i]} requests
 * in any {@code periods[i]} (KnowBe4: 4 in any second, 50 in any minute; developer.knowbe4.com,
 * rate limits), admitted as soon as one more fits every window and never later.
 *
 * <p>Where a request falls in the server's window is undocumented (KnowBe4 says nothing of how it
 * counts): it is somewhere between the moment we send it and the moment its answer arrives. So a
 * request counts here from the moment it is admitted until one period after its answer arrived (an
 * attempt that fails without an answer: after it failed). Two requests counted that way are never
 * closer together at the server than here, whatever the network's jitter, so no margin is needed: a
 * stream of requests goes out at the limit, slower only by one answer's latency per window (the
 * fourth request waits for the first answer, not for the first send). Both windows are checked and
 * recorded together, so a wait in one never shifts the other's record.
 */
final class ReportingWindows implements Pacing {
  private final int[] permits;
  private final long[] periods;
  private final long longest;
  private final LongSupplier nanos;

  /** Admitted requests: in flight ({@code Long.MAX_VALUE}) or answered at that time. */
  private final List<long[]> entries = new ArrayList<>();

  /**
   * @param permits the most requests per window; a window with 0 or fewer is off
   */
  ReportingWindows(int[] permits, Duration[] periods, LongSupplier nanos) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < permits.length; i++) {
      if (permits[i] > 0) {
        kept.add(i);
      }
    }
    this.permits = new int[kept.size()];
    this.periods = new long[kept.size()];
    long max = 0;
    for (int k = 0; k < kept.size(); k++) {
      this.permits[k] = permits[kept.get(k)];
      this.periods[k] = periods[kept.get(k)].toNanos();
      max = Math.max(max, this.periods[k]);
    }
    this.longest = max;
    this.nanos = nanos;
  }

  /** KnowBe4's per-second and per-minute limits (0 switches one off). */
  static ReportingWindows of(int perSecond, int perMinute) {
    return new ReportingWindows(
        new int[] {perSecond, perMinute},
        new Duration[] {Duration.ofSeconds(1), Duration.ofMinutes(1)},
        System::nanoTime);
  }

  @Override
  public Gate.Permit acquire(boolean write) throws InterruptedException {
    if (permits.length == 0) {
      return Gate.Permit.NONE;
    }
    long deadline = nanos.getAsLong() + MAX_PACING_WAIT.toNanos();
    synchronized (this) {
      while (true) {
        long now = nanos.getAsLong();
        long freeAt = freeAt(now);
        if (freeAt <= now) {
          long[] entry = {Long.MAX_VALUE};
          entries.add(entry);
          return () -> answered(entry);
        }
        if (freeAt != Long.MAX_VALUE && freeAt > deadline) {
          return null;
        }
        if (now >= deadline) {
          return null;
        }
        // Until a window frees, or an answer arrives (notify), whichever comes first.
        long wait = Math.min(freeAt, deadline) - now;
        wait(Math.max(1, wait / 1_000_000), (int) (wait % 1_000_000));
      }
    }
  }

  private synchronized void answered(long[] entry) {
    entry[0] = nanos.getAsLong();
    notifyAll();
  }

  /**
   * When one more request fits every window: {@code now} or earlier, a later time, or {@code
   * Long.MAX_VALUE} while the requests that fill a window are still in flight.
   */
  synchronized long freeAt(long now) {
    for (Iterator<long[]> it = entries.iterator(); it.hasNext(); ) {
      long at = it.next()[0];
      if (at != Long.MAX_VALUE && now - at >= longest) {
        it.remove();
      }
    }
    long freeAt = Long.MIN_VALUE;
    for (int i = 0; i < permits.length; i++) {
      List<Long> counted = new ArrayList<>();
      for (long[] entry : entries) {
        if (entry[0] == Long.MAX_VALUE || now - entry[0] < periods[i]) {
          counted.add(entry[0]);
        }
      }
      if (counted.size() < permits[i]) {
        continue;
      }
      counted.sort(null);
      // The window frees when enough of its oldest answers have left it.
      long oldest = counted.get(counted.size() - permits[i]);
      freeAt = Math.max(freeAt, oldest == Long.MAX_VALUE ? Long.MAX_VALUE : oldest + periods[i]);
    }
    return freeAt;
  }
}
