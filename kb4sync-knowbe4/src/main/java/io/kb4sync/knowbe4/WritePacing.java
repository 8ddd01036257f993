package io.kb4sync.knowbe4;

import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.concurrent.Semaphore;

/**
 * SCIM pacing: reads pass; writes are paced by a rate limiter and bounded to {@code
 * write_concurrency} in flight, however many engine threads call at once.
 */
final class WritePacing implements Pacing {
  private final Semaphore inFlight;
  private final RateLimiter writes;

  /**
   * @param writesPerSecond 0 or less: writes are bounded but not paced
   */
  WritePacing(int writeConcurrency, double writesPerSecond) {
    this.inFlight = new Semaphore(writeConcurrency, true);
    this.writes = writesPerSecond > 0 ? Pacing.smooth("kb4-scim-writes", writesPerSecond) : null;
  }

  @Override
  public Permit acquire(ApiRequest request) throws InterruptedException {
    if (!request.write()) {
      return NONE;
    }
    // Rate first, then the slot: a request waiting for its turn must not hold a slot.
    if (writes != null && !writes.acquirePermission()) {
      return null;
    }
    inFlight.acquire();
    return inFlight::release;
  }
}
