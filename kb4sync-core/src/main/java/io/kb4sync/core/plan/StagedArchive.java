package io.kb4sync.core.plan;

/** An archive a safety guard held back; {@code heldBy} says which guard and why. */
public record StagedArchive(PlannedArchive archive, String heldBy) {}
