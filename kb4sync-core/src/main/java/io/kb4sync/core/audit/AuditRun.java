package io.kb4sync.core.audit;

import java.time.Instant;

/** One audit as it ran: the document, and when it started and ended (for the run history). */
public record AuditRun(AuditReport report, Instant startedAt, Instant finishedAt) {
  public int exitCode() {
    return report.exitCode();
  }
}
