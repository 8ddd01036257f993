package io.kb4sync.graph;

import io.kb4sync.http.ClientCredentialsGrant;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.TokenCache;
import java.time.Duration;
import java.util.Objects;

/**
 * Transport settings of the Graph adapter that are not per company.
 *
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on one request, from sending to the answer's headers
 * @param retry when and how long to repeat throttled or failed requests ({@link #RETRY})
 * @param sleeper how the waits between attempts are spent
 * @param tokens where tokens are kept ({@link TokenCache#shared()}: one per process)
 */
public record GraphOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    RetryRule retry,
    Sleeper sleeper,
    TokenCache tokens) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A page of 100 users with their managers is one of Graph's slower reads; leave room. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_TOTAL_WAIT = Duration.ofMinutes(3);

  /**
   * Graph's throttling guidance (microsoft-graph.md §7), for reads and token requests alike: 429
   * always, 503 and 504 too, connection errors and timeouts; {@code Retry-After} honoured, else
   * exponential backoff with jitter from 1 s to 30 s; 8 attempts and at most 3 minutes of waiting
   * in all; waits of 5 s or more logged at WARN.
   */
  public static final RetryRule RETRY =
      RetryRule.builder()
          .status(ClientCredentialsGrant.RETRY_STATUSES)
          .unsafeStatus(RetryRule.NOT_ACTED_ON)
          .timeouts(true)
          .maxAttempts(DEFAULT_MAX_ATTEMPTS)
          .backoff(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF)
          .jitter(true)
          .maxWait(DEFAULT_MAX_TOTAL_WAIT)
          .maxTotalWait(DEFAULT_MAX_TOTAL_WAIT)
          .warnWait(Duration.ofSeconds(5))
          .build();

  public GraphOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(tokens, "tokens");
  }

  public static GraphOptions defaults() {
    return new GraphOptions(
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, RETRY, Sleeper.REAL, TokenCache.shared());
  }

  public GraphOptions withRetry(RetryRule retry) {
    return new GraphOptions(connectTimeout, requestTimeout, retry, sleeper, tokens);
  }

  public GraphOptions withRequestTimeout(Duration requestTimeout) {
    return new GraphOptions(connectTimeout, requestTimeout, retry, sleeper, tokens);
  }

  public GraphOptions withSleeper(Sleeper sleeper) {
    return new GraphOptions(connectTimeout, requestTimeout, retry, sleeper, tokens);
  }

  public GraphOptions withTokens(TokenCache tokens) {
    return new GraphOptions(connectTimeout, requestTimeout, retry, sleeper, tokens);
  }
}
