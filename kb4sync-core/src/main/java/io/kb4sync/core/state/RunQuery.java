package io.kb4sync.core.state;

/**
 * Which runs of the history to read, newest first (by start time, then by run id).
 *
 * @param companyId only this company's runs; null for every company
 * @param kind only {@code sync} or only {@code audit} runs; null for both
 * @param limit at most this many; 0 gives none
 * @param beforeRunId only runs after this one in newest-first order (the next page); null to start
 *     with the newest. A run id the history does not hold (never recorded, or pruned) gives none.
 */
public record RunQuery(String companyId, String kind, int limit, String beforeRunId) {

  /** How many runs a listing shows when not told ({@code kb4sync runs}, the API). */
  public static final int DEFAULT_LIMIT = 50;

  /** The most runs a listing shows at once ({@code kb4sync runs}, the API). */
  public static final int MAX_LIMIT = 500;

  public RunQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (kind != null && !kind.equals(RunRecord.SYNC) && !kind.equals(RunRecord.AUDIT)) {
      throw new IllegalArgumentException("kind must be sync or audit: " + kind);
    }
  }

  /** The newest runs of every company. */
  public static RunQuery newest(int limit) {
    return new RunQuery(null, null, limit, null);
  }

  /** The newest runs of one company. */
  public static RunQuery ofCompany(String companyId, int limit) {
    return new RunQuery(companyId, null, limit, null);
  }

  /** The same query for the page after {@code runId}. */
  public RunQuery before(String runId) {
    return new RunQuery(companyId, kind, limit, runId);
  }
}
