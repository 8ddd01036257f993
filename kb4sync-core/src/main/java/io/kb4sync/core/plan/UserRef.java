package io.kb4sync.core.plan;

/**
 * A KnowBe4 user as a plan refers to it: one that exists, or one this run creates (known by the
 * Microsoft 365 object id until the create returns its KnowBe4 id).
 */
public sealed interface UserRef {

  /** A stable key for operation ids and sorting. */
  String key();

  /** A KnowBe4 user that exists before the run. */
  record Existing(String knowbe4Id) implements UserRef {
    @Override
    public String key() {
      return "kb4:" + knowbe4Id;
    }
  }

  /** The KnowBe4 user this run creates for a Microsoft 365 user. */
  record Created(String m365Id) implements UserRef {
    @Override
    public String key() {
      return "m365:" + m365Id;
    }
  }
}
