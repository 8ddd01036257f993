package io.kb4sync.simulators.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as a simulator sees it.
 *
 * @param path the decoded path, without the query
 * @param query decoded query parameters, in order of appearance
 * @param headers header names lower-cased
 * @param nanos when the simulator handles it ({@link System#nanoTime()}, after the injected
 *     latency): the time its rate limits count and its log records
 */
public record SimRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String body,
    long nanos) {

  /** The same request, handled at {@code at} ({@link System#nanoTime()}). */
  public SimRequest at(long at) {
    return new SimRequest(method, path, rawQuery, query, headers, body, at);
  }

  /** The first value of a query parameter, or null. */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A header value, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** True for methods that change state. */
  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD");
  }
}
