package io.kb4sync.http;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token and when it expires. {@link #toString()} hides the value so that a token can never
 * leak through a log line or an exception message.
 */
public record AccessToken(String value, Instant expiresAt) {

  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "AccessToken[value=(hidden), expiresAt=" + expiresAt + "]";
  }
}
