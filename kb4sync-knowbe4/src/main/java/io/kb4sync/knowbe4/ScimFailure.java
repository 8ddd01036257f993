package io.kb4sync.knowbe4;

import io.kb4sync.core.remote.RemoteException;
import java.time.Duration;

/**
 * A SCIM error answer that named a {@code scimType} (RFC 7644 §3.12), kept so the client can react
 * to {@code noTarget} and {@code uniqueness} without parsing messages. Still a {@link
 * RemoteException} for the engine.
 */
final class ScimFailure extends RemoteException {
  private final String scimType;

  ScimFailure(Kind kind, String system, String message, Duration retryAfter, String scimType) {
    super(kind, system, message, retryAfter, null);
    this.scimType = scimType;
  }

  String scimType() {
    return scimType;
  }

  /** True when the failure is a SCIM error of the given {@code scimType}. */
  static boolean is(RuntimeException failure, String scimType) {
    return failure instanceof ScimFailure f && scimType.equalsIgnoreCase(f.scimType);
  }
}
