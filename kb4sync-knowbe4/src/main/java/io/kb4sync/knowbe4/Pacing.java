package io.kb4sync.knowbe4;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * Client-side pacing applied to every attempt before it goes on the wire, so the server rarely has
 * to say 429. A permit is held only while one request is in flight, never across a backoff.
 */
interface Pacing {

  /** Released when the request has been answered (or failed). */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  Permit NONE = () -> {};

  /**
   * Waits until the request may be sent.
   *
   * @return the permit, or null when pacing waited longer than it allows (the caller reports this
   *     as throttling)
   */
  Permit acquire(ApiRequest request) throws InterruptedException;

  /** The most any caller waits for a rate permit before giving up. */
  Duration MAX_PACING_WAIT = Duration.ofMinutes(15);

  /** A limiter that hands out one permit every {@code 1/perSecond} s: no bursts. */
  static RateLimiter smooth(String name, double perSecond) {
    return RateLimiter.of(
        name,
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(Math.max(1L, (long) (1e9 / perSecond))))
            .timeoutDuration(MAX_PACING_WAIT)
            .build());
  }
}
