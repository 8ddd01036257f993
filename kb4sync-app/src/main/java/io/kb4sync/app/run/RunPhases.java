package io.kb4sync.app.run;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phase each company's run is in on this process, for the dashboard's progress of a running
 * run. Fed by {@link io.kb4sync.app.ProgressPrinter}, which every run's sync and audit report to; a
 * phase is kept until the company's next run reports one. Process-local: on a cluster only the node
 * that runs a company's run knows its phase.
 */
public final class RunPhases {
  /** The process's board. */
  public static final RunPhases PROCESS = new RunPhases();

  /** A phase as the run reported it. */
  public record Phase(String phase, String detail, Instant at) {}

  private final Map<String, Phase> phases = new ConcurrentHashMap<>();

  RunPhases() {}

  public void phase(String companyId, String phase, String detail, Instant at) {
    phases.put(companyId, new Phase(phase, detail, at));
  }

  /** The company's latest phase since {@code notBefore} (the run's start); empty otherwise. */
  public Optional<Phase> of(String companyId, Instant notBefore) {
    Phase phase = phases.get(companyId);
    return phase == null || phase.at().isBefore(notBefore) ? Optional.empty() : Optional.of(phase);
  }
}
