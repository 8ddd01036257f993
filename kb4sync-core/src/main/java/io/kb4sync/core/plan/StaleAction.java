package io.kb4sync.core.plan;

/** What happens to a stale KnowBe4 user when stale users are removed. */
public enum StaleAction {
  /** SCIM {@code active=false}: history kept, seat freed. The default. */
  ARCHIVE,
  /** SCIM DELETE: KnowBe4 documents no semantics; opt-in only. */
  DELETE
}
