package io.kb4sync.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request as an adapter describes it; {@link RetryingSender} adds {@code User-Agent:
 * kb4sync}, the timeouts and everything else on the wire.
 *
 * @param headers sent as they are, in order
 * @param body text sent as UTF-8, or null for none
 * @param idempotent whether sending it twice does no more than sending it once (RFC 9110 §9.2.2:
 *     GET, HEAD, OPTIONS, TRACE, PUT, DELETE by default); decides which failures {@link RetryRule}
 *     tries again
 * @param secrets kept out of every message about this request besides the sender's own (e.g. its
 *     bearer token)
 */
public record Request(
    String method,
    URI uri,
    Map<String, String> headers,
    String body,
    boolean idempotent,
    List<String> secrets) {

  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    secrets = List.copyOf(secrets);
  }

  /** A request without headers or body, idempotent as its method says. */
  public static Request of(String method, URI uri) {
    String upper = method.toUpperCase(Locale.ROOT);
    return new Request(upper, uri, Map.of(), null, IDEMPOTENT.contains(upper), List.of());
  }

  public static Request get(URI uri) {
    return of("GET", uri);
  }

  public static Request post(URI uri, String body) {
    return of("POST", uri).body(body);
  }

  /** The same request with this header too (replacing one of the same name). */
  public Request header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Request(method, uri, more, body, idempotent, secrets);
  }

  /** The same request with all of these headers too. */
  public Request headers(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new Request(method, uri, all, body, idempotent, secrets);
  }

  public Request body(String text) {
    return new Request(method, uri, headers, text, idempotent, secrets);
  }

  /** Marks the request safe (or not) to send twice, whatever its method. */
  public Request idempotent(boolean value) {
    return new Request(method, uri, headers, body, value, secrets);
  }

  /** The same request, keeping {@code secret} out of every message about it. */
  public Request secret(String secret) {
    List<String> more = new ArrayList<>(secrets);
    more.add(secret);
    return new Request(method, uri, headers, body, idempotent, more);
  }
}
