package io.kb4sync.knowbe4;

import io.kb4sync.http.Gate;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * SCIM pacing: reads pass; writes are bounded to {@code write_concurrency} in flight, however many
 * engine threads call at once, and to at most {@code writesPerSecond} in any one second (a sliding
 * window: writes below the ceiling are never held back).
 */
final class WritePacing implements Pacing {
  private final Semaphore inFlight;
  private final SlidingWindow writes;

  /**
   * @param writesPerSecond 0 or less: writes are bounded but not paced
   */
  WritePacing(int writeConcurrency, double writesPerSecond) {
    this.inFlight = new Semaphore(writeConcurrency, true);
    if (writesPerSecond >= 1) {
      this.writes =
          new SlidingWindow(
              (int) Math.round(writesPerSecond),
              Duration.ofSeconds(1),
              Duration.ZERO,
              System::nanoTime);
    } else if (writesPerSecond > 0) {
      this.writes =
          new SlidingWindow(
              1, Duration.ofNanos((long) (1e9 / writesPerSecond)), Duration.ZERO, System::nanoTime);
    } else {
      this.writes = null;
    }
  }

  @Override
  public Gate.Permit acquire(boolean write) throws InterruptedException {
    if (!write) {
      return Gate.Permit.NONE;
    }
    // Rate first, then the slot: a request waiting for its turn must not hold a slot.
    if (writes != null && !writes.acquire(MAX_PACING_WAIT)) {
      return null;
    }
    inFlight.acquire();
    return inFlight::release;
  }
}
