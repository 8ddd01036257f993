package io.kb4sync.simulators.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** One response a simulator sends. A null body sends no body. */
public record SimResponse(int status, Map<String, String> headers, String body) {

  public SimResponse {
    headers = Map.copyOf(headers);
  }

  public static SimResponse json(int status, String body) {
    return new SimResponse(status, Map.of("Content-Type", "application/json"), body);
  }

  public static SimResponse json(int status, String contentType, String body) {
    return new SimResponse(status, Map.of("Content-Type", contentType), body);
  }

  public static SimResponse empty(int status) {
    return new SimResponse(status, Map.of(), null);
  }

  public SimResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new SimResponse(status, copy, body);
  }
}
