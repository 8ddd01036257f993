package io.kb4sync.simulators.http;

import java.util.List;
import java.util.Map;

/** A request the simulator received, with the status it answered. */
public record LoggedRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String body,
    int status) {

  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD");
  }
}
