package io.kb4sync.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * Transport settings of the Graph adapter that are not per company.
 *
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on one request, from sending to the last byte of the answer
 * @param retry when and how long to repeat throttled or failed requests
 */
public record GraphOptions(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A page of 100 users with their managers is one of Graph's slower reads; leave room. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public GraphOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
  }

  public static GraphOptions defaults() {
    return new GraphOptions(
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, RetryPolicy.defaults());
  }

  public GraphOptions withRetry(RetryPolicy retry) {
    return new GraphOptions(connectTimeout, requestTimeout, retry);
  }

  public GraphOptions withRequestTimeout(Duration requestTimeout) {
    return new GraphOptions(connectTimeout, requestTimeout, retry);
  }
}
