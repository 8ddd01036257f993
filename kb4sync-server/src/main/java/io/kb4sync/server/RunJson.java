package io.kb4sync.server;

import io.kb4sync.core.state.RunRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A run as the API and {@code kb4sync runs} show it: the contract's fields, in its order, instants
 * in ISO-8601 UTC with {@code Z} to the second, nulls kept. The one view of a run: written by the
 * API's mapper ({@link Json}) and by the app's JSON writer, both of which name the keys in
 * snake_case.
 */
public record RunJson(
    String runId,
    String companyId,
    String kind,
    boolean dryRun,
    String status,
    String outcome,
    Integer exitCode,
    String startedAt,
    String finishedAt,
    String trigger) {

  public static RunJson of(RunRecord run) {
    return new RunJson(
        run.runId(),
        run.companyId(),
        run.kind(),
        run.dryRun(),
        run.status().id(),
        run.outcome() == null ? null : run.outcome().id(),
        run.exitCode(),
        seconds(run.startedAt()),
        seconds(run.finishedAt()),
        run.trigger());
  }

  /** {@code 2026-11-20T08:00:00Z}: UTC, to the second (finer digits dropped); null for null. */
  public static String seconds(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
