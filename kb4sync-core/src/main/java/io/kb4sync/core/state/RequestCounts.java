package io.kb4sync.core.state;

import java.time.Instant;

/**
 * Requests counted per named counter over time, kept by the state store so that every process (and
 * every run) of one installation sees the same count: e.g. KnowBe4's Reporting API daily allowance,
 * which is per account, not per process. Counters never name a secret (callers use a digest).
 */
public interface RequestCounts {

  /** The requests counted on {@code counter} at or after {@code since}. */
  long requests(String counter, Instant since);

  /**
   * Counts {@code count} requests on {@code counter} at {@code at}. Counts older than two days may
   * be forgotten.
   */
  void countRequests(String counter, Instant at, long count);
}
