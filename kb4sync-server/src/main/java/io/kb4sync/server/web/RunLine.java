package io.kb4sync.server.web;

import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.RunJson;

/**
 * A run in a list: what kind, how it stands or ended, who started it.
 *
 * @param what {@code sync}, {@code dry run} or {@code audit}
 * @param result the outcome when it ended, else its status ({@code queued}, {@code running}, {@code
 *     abandoned}, {@code skipped})
 */
public record RunLine(
    String runId,
    String companyId,
    String what,
    String status,
    String result,
    String trigger,
    String startedAt,
    String finishedAt,
    boolean open,
    String changes) {

  public static RunLine of(RunRecord run) {
    String what = RunRecord.AUDIT.equals(run.kind()) ? "audit" : run.dryRun() ? "dry run" : "sync";
    return new RunLine(
        run.runId(),
        run.companyId(),
        what,
        run.status().id(),
        run.outcome() == null ? run.status().id() : run.outcome().id(),
        run.trigger(),
        RunJson.seconds(run.startedAt()),
        RunJson.seconds(run.finishedAt()),
        run.status().open(),
        RunRecord.AUDIT.equals(run.kind())
            ? ReportView.drift(run.reportJson())
            : ReportView.changes(run.reportJson()));
  }
}
