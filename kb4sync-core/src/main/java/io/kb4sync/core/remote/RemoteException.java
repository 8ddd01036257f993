package io.kb4sync.core.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure of an outside system, translated by its adapter in one place into a kind the engine
 * understands. The message is one line meant for a technician: it names the system and the endpoint
 * and never carries a secret.
 */
public class RemoteException extends RuntimeException {

  /** What went wrong, independent of the wire. */
  public enum Kind {
    /** Credentials rejected (HTTP 401, bad token, wrong secret). */
    UNAUTHORIZED,
    /** Authenticated but not allowed (HTTP 403, missing permission or consent). */
    FORBIDDEN,
    /** The resource does not exist (HTTP 404). */
    NOT_FOUND,
    /** The write conflicts with existing state (HTTP 409, e.g. userName already taken). */
    CONFLICT,
    /** Throttled (HTTP 429) even after the adapter's retries. */
    THROTTLED,
    /** The system could not be reached or answered 5xx / timed out after retries. */
    UNAVAILABLE,
    /** The request was refused as invalid (HTTP 400 and similar). */
    BAD_REQUEST,
    /** The answer could not be understood (malformed JSON, missing required field). */
    BAD_RESPONSE
  }

  private final Kind kind;
  private final String system;
  private final transient Duration retryAfter;

  public RemoteException(Kind kind, String system, String message) {
    this(kind, system, message, null, null);
  }

  public RemoteException(
      Kind kind, String system, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.system = Objects.requireNonNull(system, "system");
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The outside system, e.g. {@code Microsoft Graph} or {@code KnowBe4 SCIM}. */
  public String system() {
    return system;
  }

  /** The wait the remote side asked for, when it said one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
