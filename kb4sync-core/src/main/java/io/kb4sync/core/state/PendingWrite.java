package io.kb4sync.core.state;

import io.kb4sync.core.training.Attribute;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A write KnowBe4 accepted in an earlier run, remembered until a later run sees it applied.
 *
 * <p>KnowBe4 documents a SCIM Test Mode that "only produces a report of what would change", and a
 * 15-minute rule under which a sync requested too soon after the last one is skipped
 * (https://support.knowbe4.com/hc/en-us/articles/360052380374,
 * https://support.knowbe4.com/hc/en-us/articles/45870261990035): a 2xx is no proof that a write was
 * applied. Each run therefore compares the previous runs' writes with what it reads (see {@code
 * io.kb4sync.core.plan.WriteCheck}).
 *
 * @param kind what was sent
 * @param knowbe4Id the KnowBe4 id the write targeted (for a create: the id the answer gave)
 * @param m365Id the Microsoft 365 object id (creates; null when unknown)
 * @param email the lower-cased address: for a create the {@code userName} it was sent with
 * @param attribute for {@link Kind#UPDATE}: the attribute set; null otherwise
 * @param expected for {@link Kind#UPDATE}: the value sent (null clears)
 * @param firstSentAt when the write was first sent
 * @param lastSentAt when it was last sent (a resend moves it; resent at most once a day)
 */
public record PendingWrite(
    Kind kind,
    String knowbe4Id,
    String m365Id,
    String email,
    Attribute attribute,
    String expected,
    Instant firstSentAt,
    Instant lastSentAt) {

  /** What a remembered write did. */
  public enum Kind {
    CREATE,
    ARCHIVE,
    RESTORE,
    UPDATE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PendingWrite {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(knowbe4Id, "knowbe4Id");
    Objects.requireNonNull(firstSentAt, "firstSentAt");
    Objects.requireNonNull(lastSentAt, "lastSentAt");
    if ((kind == Kind.UPDATE) != (attribute != null)) {
      throw new IllegalArgumentException("an update names its attribute, other writes none");
    }
  }

  /** Unique within a company: one remembered write per target (and attribute). */
  public String key() {
    return kind.id()
        + ":"
        + (kind == Kind.CREATE && m365Id != null ? "m365:" + m365Id : knowbe4Id)
        + (attribute == null ? "" : ":" + attribute.name());
  }

  /** The same write, sent again at {@code at}. */
  public PendingWrite resentAt(Instant at, String newKnowbe4Id) {
    return new PendingWrite(
        kind, newKnowbe4Id, m365Id, email, attribute, expected, firstSentAt, at);
  }
}
