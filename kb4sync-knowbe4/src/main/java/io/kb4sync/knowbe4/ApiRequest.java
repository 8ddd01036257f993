package io.kb4sync.knowbe4;

import java.net.URI;
import java.util.Objects;

/**
 * One HTTP request to KnowBe4, before credentials are added.
 *
 * @param body JSON text, or null
 * @param write true for requests that change state: they are paced and bounded
 */
record ApiRequest(String method, URI uri, String body, boolean write) {
  ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
  }

  static ApiRequest get(URI uri) {
    return new ApiRequest("GET", uri, null, false);
  }

  static ApiRequest post(URI uri, String body) {
    return new ApiRequest("POST", uri, body, true);
  }

  static ApiRequest patch(URI uri, String body) {
    return new ApiRequest("PATCH", uri, body, true);
  }

  static ApiRequest delete(URI uri) {
    return new ApiRequest("DELETE", uri, null, true);
  }

  /** {@code METHOD /path} for messages; the query is left out (it may carry an email filter). */
  String label() {
    return method + " " + uri.getRawPath();
  }
}
