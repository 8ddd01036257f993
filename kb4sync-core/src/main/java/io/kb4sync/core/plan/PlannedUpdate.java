package io.kb4sync.core.plan;

import io.kb4sync.core.training.AttributeChange;
import java.util.List;

/** Attribute changes (never the manager: see {@link PlannedManager}) of one existing user. */
public record PlannedUpdate(String knowbe4Id, String email, List<AttributeChange> changes) {
  public PlannedUpdate {
    changes = List.copyOf(changes);
  }

  public String key() {
    return "update:" + knowbe4Id;
  }
}
