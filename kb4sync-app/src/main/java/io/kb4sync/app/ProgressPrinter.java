package io.kb4sync.app;

import io.kb4sync.core.sync.SyncListener;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints phase lines on stderr once a run has lasted a few seconds, so short runs stay quiet and
 * long ones show where they are. Never prints a secret: phases carry counts only.
 */
public final class ProgressPrinter implements SyncListener {
  static final Duration QUIET_FOR = Duration.ofSeconds(2);

  private final PrintStream err;
  private final Clock clock;
  private final Instant start;

  public ProgressPrinter(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public void phase(String companyId, String phase, String detail) {
    io.kb4sync.app.run.RunPhases.PROCESS.phase(companyId, phase, detail, clock.instant());
    Duration elapsed = Duration.between(start, clock.instant());
    if (elapsed.compareTo(QUIET_FOR) >= 0) {
      synchronized (err) {
        err.printf(
            "kb4sync: [%s] %ds %s%s%n",
            companyId, elapsed.toSeconds(), phase, detail.isEmpty() ? "" : ": " + detail);
      }
    }
  }
}
