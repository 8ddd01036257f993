package io.kb4sync.knowbe4;

import io.kb4sync.http.Gate;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * SCIM pacing: reads pass; writes are paced (one every {@code 1/writesPerSecond} s, no bursts) and
 * bounded to {@code write_concurrency} in flight, however many engine threads call at once.
 */
final class WritePacing implements Pacing {
  private final Semaphore inFlight;
  private final SlidingWindow writes;

  /**
   * @param writesPerSecond 0 or less: writes are bounded but not paced
   */
  WritePacing(int writeConcurrency, double writesPerSecond) {
    this.inFlight = new Semaphore(writeConcurrency, true);
    this.writes =
        writesPerSecond > 0
            ? new SlidingWindow(
                1,
                Duration.ofNanos(Math.max(1L, (long) (1e9 / writesPerSecond))),
                Duration.ZERO,
                System::nanoTime)
            : null;
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
