package io.kb4sync.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt goes on the wire.
 *
 * @param connectTimeout bound on opening a connection
 * @param requestTimeout bound on the wait for the answer's status and headers
 * @param deadline bound on one attempt in all, from sending to the answer's last byte (a body that
 *     drips in does not outlast it); an attempt that passes it fails with {@link
 *     HttpFailure.Kind#DEADLINE} and is not tried again
 * @param maxBodyBytes the largest answer body read; a larger one fails the attempt
 * @param http1Only HTTP/1.1 even for https (plain http always is: no h2c upgrade attempts)
 */
public record Transport(
    Duration connectTimeout,
    Duration requestTimeout,
    Duration deadline,
    long maxBodyBytes,
    boolean http1Only) {

  /**
   * The default of the configuration's {@code http_deadline}: two minutes for one answer, status to
   * last byte. The slowest real answers (a Graph page of 100 users with their managers, a Reporting
   * API page of 500 users) take a few seconds; a peer still sending after two minutes is broken or
   * hostile, not busy.
   */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);

  /**
   * The body cap of a system that sets none: 16 MiB. The largest real answers (a Reporting API page
   * of 500 users) are about 1 MiB; each system sets its own cap ({@code withLimits}).
   */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  /** One mebibyte, for writing caps. */
  public static final long MIB = 1024L * 1024;

  public Transport {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(deadline, "deadline");
    if (!positive(connectTimeout) || !positive(requestTimeout) || !positive(deadline)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1");
    }
  }

  /** These timeouts, the default deadline and body cap, HTTP/2 where the peer offers it. */
  public static Transport of(Duration connectTimeout, Duration requestTimeout) {
    return new Transport(
        connectTimeout, requestTimeout, DEFAULT_DEADLINE, DEFAULT_MAX_BODY_BYTES, false);
  }

  /** The same with another deadline and body cap (each system sets its own). */
  public Transport withLimits(Duration deadline, long maxBodyBytes) {
    return new Transport(connectTimeout, requestTimeout, deadline, maxBodyBytes, http1Only);
  }

  /** The same over HTTP/1.1 only. */
  public Transport overHttp1() {
    return new Transport(connectTimeout, requestTimeout, deadline, maxBodyBytes, true);
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
