package io.kb4sync.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Authenticated GETs against Microsoft Graph, one JSON document each. Every request carries the
 * bearer token and {@code x-ms-throttle-priority: Low}: this is background sync, and Graph sheds
 * low-priority traffic first instead of throttling the tenant's interactive users.
 */
final class GraphReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenant;
  private final RetryingHttp http;
  private final TokenProvider tokens;
  private final Duration requestTimeout;

  GraphReader(String tenant, RetryingHttp http, TokenProvider tokens, Duration requestTimeout) {
    this.tenant = tenant;
    this.http = http;
    this.tokens = tokens;
    this.requestTimeout = requestTimeout;
  }

  /**
   * GETs a URL and parses the answer.
   *
   * @param permission the application permission this read needs (named when Graph answers 403)
   * @throws io.kb4sync.core.remote.RemoteException for any non-2xx answer or malformed JSON
   */
  JsonNode get(URI url, String permission) {
    HttpResponse<String> response = http.send(() -> request(url), GraphErrors.GRAPH, tenant);
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw GraphErrors.graphFailure(
          tenant,
          "GET",
          url,
          permission,
          status,
          response.body(),
          RetryingHttp.retryAfter(response));
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw GraphErrors.badResponse(tenant, url, "an answer that is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw GraphErrors.badResponse(tenant, url, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private HttpRequest request(URI url) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + tokens.token().value())
            .header("Accept", "application/json")
            .header("x-ms-throttle-priority", "Low")
            .GET();
    if (EndpointUrls.isHttp(url)) {
      // Loopback simulators speak HTTP/1.1; skip the h2c upgrade attempt.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder.build();
  }
}
