package io.kb4sync.psa;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and the retry budget of a PSA client. Throttling (429, and Autotask's 409 "entity
 * locked") is retried for every request; 5xx only for reads, since a create that failed with 500
 * may have happened. Waits honour {@code Retry-After}, else back off exponentially; a wait longer
 * than {@code maxRetryWait} fails at once.
 */
public record PsaHttpOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxRetryWait) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  public PsaHttpOptions {
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

  public static PsaHttpOptions defaults() {
    return withTimeout(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
  }

  public static PsaHttpOptions withTimeout(Duration requestTimeout) {
    Duration connect = Duration.ofSeconds(10);
    return new PsaHttpOptions(
        connect.compareTo(requestTimeout) < 0 ? connect : requestTimeout,
        requestTimeout,
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }
}
