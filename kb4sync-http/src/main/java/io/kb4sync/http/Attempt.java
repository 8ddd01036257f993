package io.kb4sync.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a call that {@link RetryingSender#retrying} repeats under a {@link RetryRule}: for
 * a caller that does more per attempt than send one request (KnowBe4's duplicate-safe create looks
 * the user up before it sends again).
 */
@FunctionalInterface
public interface Attempt<T> {

  /**
   * @param attempt the number of this attempt, from 1
   */
  Result<T> run(int attempt);

  /** What an attempt came to. */
  sealed interface Result<T> {}

  /** Finished: nothing to try again. */
  record Done<T>(T value) implements Result<T> {}

  /** An answer; tried again when the rule names its status. */
  record Answered<T>(Answer answer) implements Result<T> {
    public Answered {
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** No usable answer; tried again when the rule allows for this kind of failure. */
  record Failed<T>(HttpFailure failure) implements Result<T> {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * A failure the caller knows to be passing (throttling, an unavailable peer, an answer that may
   * hide an applied write): tried again within the rule's budget, else {@code error} is the end.
   */
  record Transient<T>(RuntimeException error, Optional<Duration> retryAfter) implements Result<T> {
    public Transient {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
