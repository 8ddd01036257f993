package io.kb4sync.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * The retry rule of one outside system: which failures a {@link RetryingSender} tries again, how
 * often and how long it waits in all.
 *
 * <p>What is tried again:
 *
 * <ul>
 *   <li>a connection that could not be made, always: nothing reached the peer;
 *   <li>an answer whose status {@code status} names, for an idempotent request (a read, or a write
 *       the caller marks safe to repeat), or {@code unsafeStatus} names, for any other request (a
 *       create: only answers that say it was not acted on, such as 429 and 503);
 *   <li>a request that was sent but got no answer (timed out, or the connection broke), only when
 *       {@code timeouts} is set and only for an idempotent request: the peer may have acted on it.
 * </ul>
 *
 * <p>Never tried again: an answer larger than the transport's body cap, and one that did not end
 * within its deadline. Both are a broken or hostile peer; repeating the request would only repeat
 * the wait or the download.
 *
 * <p>How long: at most {@code maxAttempts} attempts, the first included. Each wait is what {@code
 * Retry-After} asks for, else an exponential backoff from {@code initialBackoff} capped at {@code
 * maxBackoff} (with {@code jitter}, a random wait between half and all of it, so that parallel
 * callers do not retry in lockstep). A wait longer than {@code maxWait}, or one that would take the
 * sum of the waits past {@code maxTotalWait}, ends the retries at once: waiting part of it is
 * pointless. The total is the sum of the waits, not wall-clock time, which keeps it deterministic;
 * each attempt is bounded by the transport's timeouts. Waits of {@code warnWait} or longer are
 * logged at WARN, shorter ones at INFO.
 */
public record RetryRule(
    IntPredicate status,
    IntPredicate unsafeStatus,
    boolean timeouts,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    boolean jitter,
    Duration maxWait,
    Duration maxTotalWait,
    Duration warnWait) {

  /** No bound: the budget is the other limits. */
  public static final Duration UNBOUNDED = RetryAfter.LONGEST;

  /** Throttled (429) or not served (503): a request so answered was not acted on. */
  public static final IntPredicate NOT_ACTED_ON = s -> s == 429 || s == 503;

  public RetryRule {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(unsafeStatus, "unsafeStatus");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    Objects.requireNonNull(warnWait, "warnWait");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /**
   * A rule that tries again 429 and 503 (idempotent or not), connection failures, nothing else;
   * three attempts, 1 s doubling to 30 s, no wait over 30 s; set the rest with the builder.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this rule. */
  public Builder toBuilder() {
    return new Builder()
        .status(status)
        .unsafeStatus(unsafeStatus)
        .timeouts(timeouts)
        .maxAttempts(maxAttempts)
        .backoff(initialBackoff, maxBackoff)
        .jitter(jitter)
        .maxWait(maxWait)
        .maxTotalWait(maxTotalWait)
        .warnWait(warnWait);
  }

  public RetryRule withMaxAttempts(int attempts) {
    return toBuilder().maxAttempts(attempts).build();
  }

  /** Whether an answer with this status is tried again. */
  public boolean retries(int answered, boolean idempotent) {
    return idempotent ? status.test(answered) : unsafeStatus.test(answered);
  }

  /** Whether a request that failed this way is tried again. */
  public boolean retries(HttpFailure.Kind failure, boolean idempotent) {
    switch (failure) {
      case CONNECT:
        return true;
      case TIMEOUT:
      case BROKEN:
        return idempotent && timeouts;
      default:
        return false;
    }
  }

  /**
   * The wait before attempt {@code attempt + 1}, or empty when no retry is left.
   *
   * @param attempt the attempt that just failed, from 1
   * @param waitedSoFar the sum of the waits already taken
   * @param retryAfter the server's {@code Retry-After}, when it named one
   */
  public Optional<Duration> nextWait(
      int attempt, Duration waitedSoFar, Optional<Duration> retryAfter) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = retryAfter.orElseGet(() -> backoff(attempt));
    if (wait.compareTo(maxWait) > 0 || wait.compareTo(maxTotalWait.minus(waitedSoFar)) > 0) {
      return Optional.empty();
    }
    return Optional.of(wait);
  }

  /** Whether a wait this long is told at WARN (a technician watching stderr sees the pause). */
  public boolean warns(Duration wait) {
    return wait.compareTo(warnWait) >= 0;
  }

  /** The exponential backoff after {@code attempt}, capped; with jitter, half to all of it. */
  Duration backoff(int attempt) {
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long exponential = base << Math.min(attempt - 1, 20);
    long capped = Math.min(cap, exponential < 0 ? cap : exponential);
    if (!jitter) {
      return Duration.ofMillis(capped);
    }
    long half = capped / 2;
    long spread = half == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped - half + 1);
    return Duration.ofMillis(half + spread);
  }

  /** Builds a {@link RetryRule}. */
  public static final class Builder {
    private IntPredicate status = NOT_ACTED_ON;
    private IntPredicate unsafeStatus = NOT_ACTED_ON;
    private boolean timeouts;
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private boolean jitter;
    private Duration maxWait = Duration.ofSeconds(30);
    private Duration maxTotalWait = UNBOUNDED;
    private Duration warnWait = Duration.ofSeconds(5);

    private Builder() {}

    /** The answers an idempotent request is tried again on. */
    public Builder status(IntPredicate value) {
      this.status = value;
      return this;
    }

    /** The answers any other request is tried again on. */
    public Builder unsafeStatus(IntPredicate value) {
      this.unsafeStatus = value;
      return this;
    }

    /** Whether an idempotent request that got no answer is sent again. */
    public Builder timeouts(boolean value) {
      this.timeouts = value;
      return this;
    }

    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder jitter(boolean value) {
      this.jitter = value;
      return this;
    }

    public Builder maxWait(Duration value) {
      this.maxWait = value;
      return this;
    }

    public Builder maxTotalWait(Duration value) {
      this.maxTotalWait = value;
      return this;
    }

    public Builder warnWait(Duration value) {
      this.warnWait = value;
      return this;
    }

    public RetryRule build() {
      return new RetryRule(
          status,
          unsafeStatus,
          timeouts,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          jitter,
          maxWait,
          maxTotalWait,
          warnWait);
    }
  }
}
