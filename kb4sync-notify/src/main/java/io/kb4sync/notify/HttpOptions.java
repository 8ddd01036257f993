package io.kb4sync.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and the retry budget of an HTTP channel. Throttling (429) and server errors (5xx) are
 * retried at most {@code maxAttempts - 1} times, waiting what {@code Retry-After} asks for, else an
 * exponential backoff from {@code initialBackoff}; a channel that asks for a longer wait than
 * {@code maxRetryWait} fails at once instead of holding the run up.
 */
public record HttpOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxRetryWait) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(30);

  public HttpOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  public static HttpOptions defaults() {
    return new HttpOptions(
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_RETRY_WAIT);
  }

  /** The defaults with one request timeout (the {@code timeout_seconds} key). */
  public static HttpOptions withTimeout(Duration requestTimeout) {
    return new HttpOptions(
        DEFAULT_CONNECT_TIMEOUT.compareTo(requestTimeout) < 0
            ? DEFAULT_CONNECT_TIMEOUT
            : requestTimeout,
        requestTimeout,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_RETRY_WAIT);
  }
}
