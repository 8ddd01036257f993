package io.kb4sync.knowbe4;

import io.kb4sync.http.RetryRule;
import io.kb4sync.http.Transport;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, retries and pacing of the KnowBe4 clients. Production uses {@link #defaults()}; tests
 * shorten the waits so that timeout and throttling scenarios run in seconds.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout the most one request may take before it counts as timed out
 * @param maxAttempts attempts per call, including the first (429 and 5xx and timeouts retry)
 * @param initialBackoff the first wait when the server named none; doubles per attempt, jittered
 * @param maxBackoff the longest computed wait
 * @param maxRetryAfter a {@code Retry-After} longer than this ends the retries (THROTTLED)
 * @param scimWritesPerSecond the most SCIM writes in any one second; 0 = no ceiling
 * @param scimPageSize the {@code count} asked per SCIM page (the server may return fewer)
 * @param reportingPerSecond Reporting API requests per second per account; 0 = unpaced
 * @param reportingPerMinute Reporting API requests per minute per account; 0 = unpaced
 * @param reportingPageSize {@code per_page} on the Reporting API (at most 500)
 * @param memberBatch group members added or removed per SCIM PATCH
 * @param deadline bound on one answer, status to last byte (the configuration's {@code
 *     http_deadline})
 * @param maxBodyBytes the largest answer read, SCIM or Reporting ({@link #DEFAULT_MAX_BODY_BYTES})
 * @param maxPages the most pages one SCIM or Reporting listing may take ({@link
 *     #DEFAULT_MAX_PAGES})
 */
public record ClientTuning(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    double scimWritesPerSecond,
    int scimPageSize,
    int reportingPerSecond,
    int reportingPerMinute,
    int reportingPageSize,
    int memberBatch,
    Duration deadline,
    long maxBodyBytes,
    int maxPages) {

  /**
   * A ceiling on SCIM writes in any one second. KnowBe4 documents no SCIM rate limit; its SCIM
   * endpoint is built for IdP connectors (Entra ID, Okta) that push in periodic cycles. What bounds
   * the load is {@code write_concurrency} (8 writes in flight, about one IdP connector's worth): at
   * real-world SCIM latencies of 100-300 ms that is 25-80 writes/s. This ceiling sits above the
   * in-flight bound at any latency a SCIM server has been seen to answer in (8 in flight reach it
   * only below 8 ms per write), so it never slows a sync down; it only keeps a burst against an
   * unusually fast server from exceeding 1,000 writes/s. 429s are honoured.
   */
  public static final double DEFAULT_SCIM_WRITES_PER_SECOND = 1000;

  /** Reporting API: 4 requests/s per account (developer.knowbe4.com). */
  public static final int DEFAULT_REPORTING_PER_SECOND = 4;

  /** Reporting API: burst limit of 50 requests/min per account (developer.knowbe4.com). */
  public static final int DEFAULT_REPORTING_PER_MINUTE = 50;

  /** The largest {@code per_page} the Reporting API allows. */
  public static final int DEFAULT_REPORTING_PAGE_SIZE = 500;

  public static final int DEFAULT_SCIM_PAGE_SIZE = 100;

  /**
   * 32 MiB per answer. The largest real answers, a Reporting API page of 500 users with their
   * groups, are about 1 MiB; a SCIM page of 100 users is a few hundred KiB.
   */
  public static final long DEFAULT_MAX_BODY_BYTES = 32 * Transport.MIB;

  /**
   * 10,000 pages per listing: a million users at SCIM's 100 a page, five million at the Reporting
   * API's 500 (whose daily budget of 2,000 + licensed users ends such a listing long before).
   */
  public static final int DEFAULT_MAX_PAGES = 10_000;

  public ClientTuning {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxAttempts < 1 || scimPageSize < 1 || memberBatch < 1) {
      throw new IllegalArgumentException("maxAttempts, scimPageSize and memberBatch must be >= 1");
    }
    if (reportingPageSize < 1 || reportingPageSize > 500) {
      throw new IllegalArgumentException("reportingPageSize must be 1..500");
    }
    Objects.requireNonNull(deadline, "deadline");
    if (maxBodyBytes < 1 || maxPages < 1) {
      throw new IllegalArgumentException("maxBodyBytes and maxPages must be at least 1");
    }
  }

  public static ClientTuning defaults() {
    return new ClientTuning(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        6,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        DEFAULT_SCIM_WRITES_PER_SECOND,
        DEFAULT_SCIM_PAGE_SIZE,
        DEFAULT_REPORTING_PER_SECOND,
        DEFAULT_REPORTING_PER_MINUTE,
        DEFAULT_REPORTING_PAGE_SIZE,
        100,
        Transport.DEFAULT_DEADLINE,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_PAGES);
  }

  /**
   * KnowBe4's retry rule: 429, every 5xx and timeouts (creates are made safe to repeat by {@link
   * Gateway#create}); {@code Retry-After} honoured up to {@code maxRetryAfter}, else jittered
   * exponential backoff; {@code maxAttempts} in all; no bound on the sum of the waits besides.
   */
  public RetryRule retry() {
    return RetryRule.builder()
        .status(status -> status == 429 || status >= 500)
        .unsafeStatus(RetryRule.NOT_ACTED_ON)
        .timeouts(true)
        .maxAttempts(maxAttempts)
        .backoff(initialBackoff, maxBackoff)
        .jitter(true)
        .maxWait(maxRetryAfter)
        .maxTotalWait(RetryRule.UNBOUNDED)
        .build();
  }

  /**
   * HTTP/1.1 keep-alive (at most write_concurrency connections, no h2c upgrade attempts), the
   * deadline and the body cap.
   */
  public Transport transport() {
    return Transport.of(connectTimeout, requestTimeout)
        .withLimits(deadline, maxBodyBytes)
        .overHttp1();
  }

  /** A builder holding this tuning, to change a few values (tests shorten the waits). */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Tuning built value by value, starting from another one (usually {@link #defaults()}). */
  public static final class Builder {
    private Duration connectTimeout;
    private Duration requestTimeout;
    private int maxAttempts;
    private Duration initialBackoff;
    private Duration maxBackoff;
    private Duration maxRetryAfter;
    private double scimWritesPerSecond;
    private int scimPageSize;
    private int reportingPerSecond;
    private int reportingPerMinute;
    private int reportingPageSize;
    private int memberBatch;
    private Duration deadline;
    private long maxBodyBytes;
    private int maxPages;

    private Builder(ClientTuning from) {
      connectTimeout = from.connectTimeout;
      requestTimeout = from.requestTimeout;
      maxAttempts = from.maxAttempts;
      initialBackoff = from.initialBackoff;
      maxBackoff = from.maxBackoff;
      maxRetryAfter = from.maxRetryAfter;
      scimWritesPerSecond = from.scimWritesPerSecond;
      scimPageSize = from.scimPageSize;
      reportingPerSecond = from.reportingPerSecond;
      reportingPerMinute = from.reportingPerMinute;
      reportingPageSize = from.reportingPageSize;
      memberBatch = from.memberBatch;
      deadline = from.deadline;
      maxBodyBytes = from.maxBodyBytes;
      maxPages = from.maxPages;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    /** Attempts in all, and the first and longest computed wait between them. */
    public Builder retries(int attempts, Duration initial, Duration max) {
      maxAttempts = attempts;
      initialBackoff = initial;
      maxBackoff = max;
      return this;
    }

    public Builder maxRetryAfter(Duration value) {
      maxRetryAfter = value;
      return this;
    }

    public Builder scimWritesPerSecond(double value) {
      scimWritesPerSecond = value;
      return this;
    }

    public Builder reportingPace(int perSecond, int perMinute) {
      reportingPerSecond = perSecond;
      reportingPerMinute = perMinute;
      return this;
    }

    public Builder pageSizes(int scim, int reporting) {
      scimPageSize = scim;
      reportingPageSize = reporting;
      return this;
    }

    public Builder memberBatch(int value) {
      memberBatch = value;
      return this;
    }

    /** The bound on one answer, status to last byte ({@code http_deadline}). */
    public Builder deadline(Duration value) {
      deadline = value;
      return this;
    }

    /** The largest answer read and the most pages a listing may take. */
    public Builder caps(long bodyBytes, int pages) {
      maxBodyBytes = bodyBytes;
      maxPages = pages;
      return this;
    }

    public ClientTuning build() {
      return new ClientTuning(
          connectTimeout,
          requestTimeout,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          maxRetryAfter,
          scimWritesPerSecond,
          scimPageSize,
          reportingPerSecond,
          reportingPerMinute,
          reportingPageSize,
          memberBatch,
          deadline,
          maxBodyBytes,
          maxPages);
    }
  }
}
