package io.kb4sync.core.sync;

import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.report.Report;
import java.time.Instant;

/**
 * The outcome of one sync.
 *
 * @param plan the plan, or null when the run could not proceed
 */
public record SyncResult(Report report, SyncPlan plan, Instant startedAt, Instant finishedAt) {
  public int exitCode() {
    return report.exitCode();
  }
}
