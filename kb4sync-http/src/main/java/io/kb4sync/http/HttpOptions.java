package io.kb4sync.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Timeouts and the retry budget of a notification channel or a PSA, as their settings give them. A
 * request is tried at most {@code maxAttempts} times; which failures are tried again is the
 * caller's, in the {@link #rule} it makes. A retry waits what {@code Retry-After} asks for, else an
 * exponential backoff from {@code initialBackoff}; a peer that asks for a longer wait than {@code
 * maxRetryWait} fails at once instead of holding the run up. Each attempt ends by {@code deadline}
 * (the configuration's {@code http_deadline}) and reads at most {@code maxBodyBytes} of answer.
 */
public record HttpOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxRetryWait,
    Duration deadline,
    long maxBodyBytes) {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(30);

  public HttpOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    Objects.requireNonNull(deadline, "deadline");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1");
    }
  }

  /** These timeouts and retries with the default deadline and body cap ({@link Transport}). */
  public HttpOptions(
      Duration connectTimeout,
      Duration requestTimeout,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxRetryWait) {
    this(
        connectTimeout,
        requestTimeout,
        maxAttempts,
        initialBackoff,
        maxRetryWait,
        Transport.DEFAULT_DEADLINE,
        Transport.DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * The default retry budget with this request timeout; connecting may take {@code connectTimeout},
   * or the request timeout when that is shorter.
   */
  public static HttpOptions withTimeouts(Duration connectTimeout, Duration requestTimeout) {
    return new HttpOptions(
        connectTimeout.compareTo(requestTimeout) < 0 ? connectTimeout : requestTimeout,
        requestTimeout,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_RETRY_WAIT);
  }

  /** The same with this deadline and body cap. */
  public HttpOptions withLimits(Duration deadline, long maxBodyBytes) {
    return new HttpOptions(
        connectTimeout,
        requestTimeout,
        maxAttempts,
        initialBackoff,
        maxRetryWait,
        deadline,
        maxBodyBytes);
  }

  /** These timeouts, this deadline and this body cap on the wire. */
  public Transport transport() {
    return Transport.of(connectTimeout, requestTimeout).withLimits(deadline, maxBodyBytes);
  }

  /**
   * A retry rule with this budget (no jitter: the waits are as stated).
   *
   * @param status answers an idempotent request is tried again on
   * @param unsafeStatus answers any other request is tried again on
   * @param timeouts whether an idempotent request that got no answer is sent again
   */
  public RetryRule rule(IntPredicate status, IntPredicate unsafeStatus, boolean timeouts) {
    return RetryRule.builder()
        .status(status)
        .unsafeStatus(unsafeStatus)
        .timeouts(timeouts)
        .maxAttempts(maxAttempts)
        .backoff(initialBackoff, maxRetryWait)
        .maxWait(maxRetryWait)
        .build();
  }
}
