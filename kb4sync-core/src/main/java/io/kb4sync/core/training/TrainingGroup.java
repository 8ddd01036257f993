package io.kb4sync.core.training;

import java.util.Objects;
import java.util.Set;

/** One group of the KnowBe4 account with the ids of its member users. */
public record TrainingGroup(String id, String displayName, Set<String> memberIds) {
  public TrainingGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    memberIds = memberIds == null ? Set.of() : Set.copyOf(memberIds);
  }
}
