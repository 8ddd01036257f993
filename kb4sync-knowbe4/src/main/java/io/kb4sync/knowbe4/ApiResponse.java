package io.kb4sync.knowbe4;

import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP answer from KnowBe4.
 *
 * @param body the body text; empty when there was none
 * @param retryAfter the {@code Retry-After} the server asked for, when it named one
 * @param requestId the Reporting API's {@code X-Request-Id}, when present (quoted to support)
 */
record ApiResponse(int status, String body, Optional<Duration> retryAfter, String requestId) {
  ApiResponse {
    body = body == null ? "" : body;
    retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
  }

  boolean successful() {
    return status >= 200 && status < 300;
  }

  boolean hasBody() {
    return !body.isBlank();
  }
}
