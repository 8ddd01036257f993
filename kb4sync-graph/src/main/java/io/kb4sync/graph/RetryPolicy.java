package io.kb4sync.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to repeat a Graph or token request that was throttled (429), found the service unavailable
 * (503, 504) or could not reach it (connection error, timeout).
 *
 * <p>A wait the server names in {@code Retry-After} is honoured as is; otherwise the wait grows
 * exponentially from {@code initialBackoff}, capped at {@code maxBackoff}, with jitter so that
 * parallel companies do not retry in lockstep. Both the number of attempts and the sum of all waits
 * are bounded: a {@code Retry-After} that would overrun {@code maxTotalWait} ends the retries at
 * once, because waiting part of it is pointless.
 *
 * <p>The total is the sum of the waits, not wall-clock time: that keeps the bound deterministic and
 * testable; each attempt is itself bounded by the request timeout.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 * @param sleeper how to wait
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxTotalWait,
    Sleeper sleeper) {

  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_TOTAL_WAIT = Duration.ofMinutes(3);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The production policy: 8 attempts, 1 s doubling to 30 s, at most 3 minutes of waiting. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_MAX_TOTAL_WAIT,
        Sleeper.threadSleep());
  }

  public RetryPolicy withSleeper(Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxTotalWait, sleeper);
  }

  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxTotalWait, sleeper);
  }

  /**
   * The wait before attempt {@code attempt + 1}, or empty when no retry is left.
   *
   * @param attempt the attempt that just failed, from 1
   * @param waitedSoFar the sum of the waits already taken
   * @param retryAfter the server's {@code Retry-After}, when it named one
   */
  Optional<Duration> nextWait(int attempt, Duration waitedSoFar, Optional<Duration> retryAfter) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = retryAfter.orElseGet(() -> backoff(attempt));
    if (waitedSoFar.plus(wait).compareTo(maxTotalWait) > 0) {
      return Optional.empty();
    }
    return Optional.of(wait);
  }

  /** Exponential backoff with "equal jitter": between half and all of the capped exponential. */
  private Duration backoff(int attempt) {
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long exponential = base << Math.min(attempt - 1, 20);
    long capped = Math.min(cap, exponential < 0 ? cap : exponential);
    long half = capped / 2;
    long jitter = half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1);
    return Duration.ofMillis(half + jitter);
  }
}
