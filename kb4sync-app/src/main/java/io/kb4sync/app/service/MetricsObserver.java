package io.kb4sync.app.service;

import io.kb4sync.app.run.RunObserver;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.ServiceMetrics;
import java.time.Duration;
import java.util.function.ToIntFunction;

/**
 * Feeds the contract's series from the runs this node ends: {@code kb4sync_runs_total}, {@code
 * kb4sync_run_duration_seconds}, {@code kb4sync_users_changed_total} (real syncs only), {@code
 * kb4sync_held_archives} (after each real sync), {@code kb4sync_company_failing} (from the shared
 * history) and the skipped runs.
 */
final class MetricsObserver implements RunObserver {
  private final ServiceMetrics metrics;
  private final ToIntFunction<String> consecutiveFailures;

  MetricsObserver(ServiceMetrics metrics, ToIntFunction<String> consecutiveFailures) {
    this.metrics = metrics;
    this.consecutiveFailures = consecutiveFailures;
  }

  @Override
  public void ended(RunRecord run, Object document) {
    if (run.status() == RunStatus.SKIPPED) {
      metrics.runSkipped(run.kind());
      return;
    }
    if (run.outcome() == null) {
      return;
    }
    Duration took =
        run.finishedAt() == null || run.finishedAt().isBefore(run.startedAt())
            ? Duration.ZERO
            : Duration.between(run.startedAt(), run.finishedAt());
    if (document instanceof Report report && !report.dryRun()) {
      metrics.runEnded(
          run.kind(),
          run.outcome(),
          took,
          report.syncSummary().usersCreated(),
          report.usersRestored().size(),
          report.syncSummary().usersUpdated(),
          report.syncSummary().usersArchived());
      metrics.held(
          run.companyId(),
          (int)
              report.stagedArchives().stream()
                  .filter(a -> a.guard() == io.kb4sync.core.plan.Guard.THRESHOLD)
                  .count());
    } else if (document instanceof Report || document instanceof AuditReport) {
      metrics.runEnded(run.kind(), run.outcome(), took, 0, 0, 0, 0);
    }
    metrics.failing(run.companyId(), consecutiveFailures.applyAsInt(run.companyId()));
  }

  @Override
  public void abandoned(String kind, int count) {
    for (int i = 0; i < count; i++) {
      metrics.runAbandoned(kind);
    }
  }
}
