package io.kb4sync.core.run;

import java.util.Locale;
import java.util.Optional;

/** Where a run stands in the history. */
public enum RunStatus {
  /** Waiting for its turn (service mode). */
  QUEUED,
  /** Started, not yet ended. */
  RUNNING,
  /** Ended with exit 0, 3 or 4. */
  FINISHED,
  /** Ended with exit 1 or 2. */
  FAILED,
  /** Its process died before it ended; found by a later process. */
  ABANDONED,
  /** A scheduled run that found the company locked. */
  SKIPPED;

  /** The contract's name: {@code queued}, {@code running} ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for a run that has not ended. */
  public boolean open() {
    return this == QUEUED || this == RUNNING;
  }

  public static Optional<RunStatus> fromId(String id) {
    for (RunStatus status : values()) {
      if (status.id().equals(id)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id();
  }
}
