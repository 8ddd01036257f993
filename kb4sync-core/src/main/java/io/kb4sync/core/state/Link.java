package io.kb4sync.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * The remembered identity of one person: a Microsoft 365 object id linked to a KnowBe4 user.
 *
 * @param email the address KnowBe4 held for this person when a sync last read it (lower-cased):
 *     finds the user when the KnowBe4 id does not (reads moved between SCIM and the Reporting API)
 * @param lastSeenInScope when a sync last saw the Microsoft 365 user in scope
 */
public record Link(String m365Id, String knowbe4Id, String email, Instant lastSeenInScope) {
  public Link {
    Objects.requireNonNull(m365Id, "m365Id");
    Objects.requireNonNull(knowbe4Id, "knowbe4Id");
  }
}
