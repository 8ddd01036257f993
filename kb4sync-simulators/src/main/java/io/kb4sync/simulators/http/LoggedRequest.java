package io.kb4sync.simulators.http;

import java.util.List;
import java.util.Map;

/**
 * A request the simulator received, with the status it answered.
 *
 * @param nanos when the simulator handled it ({@link System#nanoTime()}, after the injected
 *     latency; what its rate limits count): for counting requests per window, never for timing a
 *     test
 */
public record LoggedRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String body,
    int status,
    long nanos) {

  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD");
  }
}
