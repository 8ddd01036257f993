package io.kb4sync.http;

import java.io.IOException;
import java.util.Objects;

/**
 * A request that got no usable answer: no connection, no answer in time, a broken connection, an
 * answer over the size cap, or an interrupt. The message says which in a few words, never the URL
 * (it may carry a secret); the cause is what the JDK threw, for adapters that name it.
 */
public final class HttpFailure extends IOException {

  /** What went wrong. */
  public enum Kind {
    /** No connection could be made: nothing reached the peer. */
    CONNECT,
    /** The request went out and no answer (status and headers) came in time. */
    TIMEOUT,
    /**
     * The answer did not end within the transport's deadline (e.g. a body that drips in): the peer
     * answers but is broken or hostile; never tried again.
     */
    DEADLINE,
    /** The connection failed after the request may have gone out. */
    BROKEN,
    /** The answer was larger than the transport allows. */
    TOO_LARGE,
    /** The thread was interrupted while the request was in flight. */
    INTERRUPTED,
    /** The thread was interrupted while waiting to try again. */
    INTERRUPTED_WAITING
  }

  private final Kind kind;
  private final int attempts;

  /**
   * @param what a few words, e.g. {@code could not connect}, {@code no answer within 15 s}
   * @param attempts how many attempts were made in all
   */
  public HttpFailure(Kind kind, String what, int attempts, Throwable cause) {
    super(what, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.attempts = attempts;
  }

  public Kind kind() {
    return kind;
  }

  public int attempts() {
    return attempts;
  }

  /** True for {@link Kind#INTERRUPTED} and {@link Kind#INTERRUPTED_WAITING}. */
  public boolean interrupted() {
    return kind == Kind.INTERRUPTED || kind == Kind.INTERRUPTED_WAITING;
  }

  /** The JDK's own exception behind this failure, or this one when there is none. */
  public Throwable original() {
    return getCause() == null ? this : getCause();
  }
}
