package io.kb4sync.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.http.AccessToken;
import io.kb4sync.http.Answer;
import io.kb4sync.http.HttpFailure;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Authenticated GETs against Microsoft Graph, one JSON document each. Every request carries the
 * bearer token and {@code x-ms-throttle-priority: Low}: this is background sync, and Graph sheds
 * low-priority traffic first instead of throttling the tenant's interactive users. A token Graph
 * refuses (401) is dropped from the cache and the request is sent once more with a fresh one.
 */
final class GraphReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenant;
  private final RetryingSender http;
  private final RetryRule retry;
  private final CachingTokenProvider tokens;

  GraphReader(String tenant, RetryingSender http, RetryRule retry, CachingTokenProvider tokens) {
    this.tenant = tenant;
    this.http = http;
    this.retry = retry;
    this.tokens = tokens;
  }

  /**
   * GETs a URL and parses the answer.
   *
   * @param permission the application permission this read needs (named when Graph answers 403)
   * @throws io.kb4sync.core.remote.RemoteException for any non-2xx answer or malformed JSON
   */
  JsonNode get(URI url, String permission) {
    AtomicReference<AccessToken> used = new AtomicReference<>();
    Answer answer = send(url, used);
    if (answer.status() == 401) {
      tokens.refused(used.get());
      answer = send(url, used);
    }
    int status = answer.status();
    if (status / 100 != 2) {
      throw GraphErrors.graphFailure(
          tenant, "GET", url, permission, status, answer.body(), answer.retryAfter());
    }
    try {
      JsonNode node = JSON.readTree(answer.body());
      if (node == null || !node.isObject()) {
        throw GraphErrors.badResponse(tenant, url, "an answer that is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw GraphErrors.badResponse(tenant, url, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private Answer send(URI url, AtomicReference<AccessToken> used) {
    try {
      return http.exchange(
          () -> {
            // Each attempt asks anew, so a token renewed meanwhile is picked up.
            AccessToken token = tokens.token();
            used.set(token);
            return Request.get(url)
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json")
                .header("x-ms-throttle-priority", "Low")
                .secret(token.value());
          },
          retry);
    } catch (HttpFailure e) {
      throw GraphErrors.failure(GraphErrors.GRAPH, tenant, "GET", url, e);
    }
  }
}
