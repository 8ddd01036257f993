package io.kb4sync.core.run;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * How a run ended, by the contract's names. The exit code, the run's status in the history, the
 * notification's severity, whether a ticket is raised and the metrics all follow from it. Declared
 * in the order that decides which wins when several apply (exit codes 2, 1, 4, 3, 0).
 */
public enum Outcome {
  /** Usage or configuration error: nothing ran. */
  CONFIG_ERROR(ExitCode.USAGE),
  /** The run could not proceed (sign-in, a read, the lock): nothing was written. */
  FAILED(ExitCode.CANNOT_PROCEED),
  /** A safety guard held back at least one archive. */
  HELD(ExitCode.GUARD_HELD),
  /** Stopped after writes had begun (store failure, lost lock, stop signal). */
  INTERRUPTED(ExitCode.FINISHED_WITH_ISSUES),
  /** Finished, but some operations failed or were held (e.g. creates held for lack of seats). */
  PARTIAL(ExitCode.FINISHED_WITH_ISSUES),
  /** Everything planned was done. */
  OK(ExitCode.OK);

  /** The contract's exit codes. */
  public static final class ExitCode {
    public static final int OK = 0;
    public static final int CANNOT_PROCEED = 1;
    public static final int USAGE = 2;
    public static final int FINISHED_WITH_ISSUES = 3;
    public static final int GUARD_HELD = 4;

    private ExitCode() {}
  }

  private final int exitCode;

  Outcome(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The contract's name: {@code ok}, {@code partial}, {@code interrupted} ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status a run with this outcome ends in: {@code finished} or {@code failed}. */
  public RunStatus status() {
    return exitCode == ExitCode.USAGE || exitCode == ExitCode.CANNOT_PROCEED
        ? RunStatus.FAILED
        : RunStatus.FINISHED;
  }

  /** True when nothing is left for a person to look at. */
  public boolean success() {
    return this == OK;
  }

  /** True when the run did not get to its plan (config error or failed): nothing was written. */
  public boolean didNotRun() {
    return status() == RunStatus.FAILED;
  }

  /** The outcome that wins among several (e.g. {@code --all-companies}); {@link #OK} for none. */
  public static Outcome worst(Collection<Outcome> outcomes) {
    Outcome worst = OK;
    for (Outcome outcome : outcomes) {
      if (outcome.ordinal() < worst.ordinal()) {
        worst = outcome;
      }
    }
    return worst;
  }

  /** The outcome named {@code id}, if any. */
  public static Optional<Outcome> fromId(String id) {
    for (Outcome outcome : values()) {
      if (outcome.id().equals(id)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id();
  }
}
