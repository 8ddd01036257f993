package io.kb4sync.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP answer as it came back, whatever its status.
 *
 * @param headers by name as the peer sent them
 * @param retryAfter the wait its {@code Retry-After} asked for, when it named one ({@link
 *     RetryAfter})
 * @param attempts how many attempts it took, this one included
 */
public record Answer(
    int status,
    Map<String, List<String>> headers,
    String body,
    Optional<Duration> retryAfter,
    int attempts) {

  public Answer {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    body = body == null ? "" : body;
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** A 2xx answer. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header, by name in any letter case. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }
}
