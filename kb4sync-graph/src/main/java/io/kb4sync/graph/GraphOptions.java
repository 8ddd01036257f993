package io.kb4sync.graph;

import io.kb4sync.http.ClientCredentialsGrant;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.TokenCache;
import io.kb4sync.http.Transport;
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
 * @param deadline bound on one answer, status to last byte (the configuration's {@code
 *     http_deadline})
 * @param maxBodyBytes the largest answer read ({@link #DEFAULT_MAX_BODY_BYTES})
 * @param maxPages the most pages one listing may take ({@link #DEFAULT_MAX_PAGES})
 */
public record GraphOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    RetryRule retry,
    Sleeper sleeper,
    TokenCache tokens,
    Duration deadline,
    long maxBodyBytes,
    int maxPages) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A page of 100 users with their managers is one of Graph's slower reads; leave room. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /**
   * 16 MiB per answer. A page of 100 users with the selected fields and their managers is 50-300
   * KiB; even 100 users with 100 proxy addresses each stay under 4 MiB.
   */
  public static final long DEFAULT_MAX_BODY_BYTES = 16 * Transport.MIB;

  /**
   * 10,000 pages per listing: at 100 users a page, a tenant of a million users. Past that the chain
   * of {@code @odata.nextLink}s is not a tenant but a loop, and the read fails.
   */
  public static final int DEFAULT_MAX_PAGES = 10_000;

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
    Objects.requireNonNull(deadline, "deadline");
    if (maxBodyBytes < 1 || maxPages < 1) {
      throw new IllegalArgumentException("maxBodyBytes and maxPages must be at least 1");
    }
  }

  public static GraphOptions defaults() {
    return new GraphOptions(
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        RETRY,
        Sleeper.REAL,
        TokenCache.shared(),
        Transport.DEFAULT_DEADLINE,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_PAGES);
  }

  public GraphOptions withRetry(RetryRule retry) {
    return new GraphOptions(
        connectTimeout, requestTimeout, retry, sleeper, tokens, deadline, maxBodyBytes, maxPages);
  }

  public GraphOptions withRequestTimeout(Duration requestTimeout) {
    return new GraphOptions(
        connectTimeout, requestTimeout, retry, sleeper, tokens, deadline, maxBodyBytes, maxPages);
  }

  public GraphOptions withSleeper(Sleeper sleeper) {
    return new GraphOptions(
        connectTimeout, requestTimeout, retry, sleeper, tokens, deadline, maxBodyBytes, maxPages);
  }

  public GraphOptions withTokens(TokenCache tokens) {
    return new GraphOptions(
        connectTimeout, requestTimeout, retry, sleeper, tokens, deadline, maxBodyBytes, maxPages);
  }

  /** The same with this deadline per answer ({@code http_deadline}). */
  public GraphOptions withDeadline(Duration deadline) {
    return new GraphOptions(
        connectTimeout, requestTimeout, retry, sleeper, tokens, deadline, maxBodyBytes, maxPages);
  }

  /** The same with this body cap and page cap. */
  public GraphOptions withCaps(long maxBodyBytes, int maxPages) {
    return new GraphOptions(
        connectTimeout, requestTimeout, retry, sleeper, tokens, deadline, maxBodyBytes, maxPages);
  }

  /** How each attempt goes on the wire: these timeouts, the deadline and the body cap. */
  Transport transport() {
    return Transport.of(connectTimeout, requestTimeout).withLimits(deadline, maxBodyBytes);
  }
}
