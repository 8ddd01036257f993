package io.kb4sync.server.web;

import io.kb4sync.server.Caller;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed-in sessions, kept in the state store so that every node of a cluster knows them. Idle and
 * absolute timeouts ({@code server.session_idle}, {@code server.session_max}) are the
 * implementation's.
 */
public interface Sessions {

  /** Opens a new session (a fresh random id and CSRF token) for a caller who just signed in. */
  Session open(Caller caller, Instant now);

  /**
   * The live session with this id — neither idle for longer than {@code session_idle} nor older
   * than {@code session_max} — marked as seen at {@code now}; empty otherwise.
   */
  Optional<Session> find(String id, Instant now);

  /** Ends a session (sign-out); nothing for an unknown id. */
  void close(String id);

  /** Ends every session of a person (their account was disabled). */
  void closeAllOf(String name);
}
