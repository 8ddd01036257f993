package io.kb4sync.core.plan;

import java.util.Objects;

/**
 * An archive a safety guard held back.
 *
 * @param guard which guard held it
 * @param heldBy the guard's reason as a person reads it (counts, and how to consent)
 */
public record StagedArchive(PlannedArchive archive, Guard guard, String heldBy) {
  public StagedArchive {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(heldBy, "heldBy");
  }
}
