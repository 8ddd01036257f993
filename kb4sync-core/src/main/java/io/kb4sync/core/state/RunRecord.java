package io.kb4sync.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One run in the history: a sync (real or dry) or an audit.
 *
 * @param kind {@code sync} or {@code audit}
 * @param options the inputs of the run, as a short readable text (never secrets)
 * @param reportJson the report the run printed, or null when it could not produce one
 */
public record RunRecord(
    String companyId,
    String kind,
    boolean dryRun,
    Instant startedAt,
    Instant finishedAt,
    int exitCode,
    String options,
    String reportJson) {
  public RunRecord {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}
