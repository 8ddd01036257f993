package io.kb4sync.core.plan;

import java.time.Instant;

/**
 * A stale KnowBe4 user to archive (or delete, when the company opted in).
 *
 * @param reason {@code No longer in M365}, {@code No longer licensed}, {@code Account disabled} or
 *     {@code Not a member}
 * @param lastM365Sync when a sync last saw the user in scope, or null when never
 */
public record PlannedArchive(String knowbe4Id, String email, String reason, Instant lastM365Sync) {
  public String key() {
    return "archive:" + knowbe4Id;
  }
}
