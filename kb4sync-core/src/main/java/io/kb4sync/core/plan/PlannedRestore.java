package io.kb4sync.core.plan;

/**
 * An archived KnowBe4 user whose Microsoft 365 user is in scope again: reactivated, not created.
 */
public record PlannedRestore(String knowbe4Id, String email) {
  public String key() {
    return "restore:" + knowbe4Id;
  }
}
