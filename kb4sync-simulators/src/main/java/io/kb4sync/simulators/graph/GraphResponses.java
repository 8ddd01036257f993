package io.kb4sync.simulators.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Graph's and Entra ID's answer shapes, errors included. */
final class GraphResponses {
  static final ObjectMapper JSON = new ObjectMapper();

  /** What Graph sends for JSON bodies. */
  static final String GRAPH_CONTENT_TYPE =
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
          + "charset=utf-8";

  private static final DateTimeFormatter INNER_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter AADSTS_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

  private GraphResponses() {}

  static SimResponse graphJson(int status, ObjectNode body) {
    return SimResponse.json(status, GRAPH_CONTENT_TYPE, write(body))
        .withHeader("request-id", UUID.randomUUID().toString());
  }

  /**
   * {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}.
   */
  static SimResponse graphError(int status, String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode inner = error.putObject("innerError");
    String requestId = UUID.randomUUID().toString();
    inner.put("date", LocalDateTime.now(ZoneOffset.UTC).format(INNER_DATE));
    inner.put("request-id", requestId);
    inner.put("client-request-id", requestId);
    return SimResponse.json(status, write(root)).withHeader("request-id", requestId);
  }

  /** The throttling shape from Microsoft's throttling page (fixture throttling-429-response). */
  static SimResponse throttled(int retryAfterSeconds) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", "TooManyRequests");
    ObjectNode inner = error.putObject("innerError");
    inner.put("code", "429");
    inner.put("date", LocalDateTime.now(ZoneOffset.UTC).format(INNER_DATE));
    inner.put("message", "Please retry after");
    inner.put("request-id", UUID.randomUUID().toString());
    inner.put("status", "429");
    error.put("message", "Please retry again later.");
    return SimResponse.json(429, write(root))
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  /** Graph's injected faults, worded as Graph words them. */
  static SimServer.FaultBodies faultBodies() {
    return new SimServer.FaultBodies() {
      @Override
      public SimResponse throttled(int retryAfterSeconds) {
        return GraphResponses.throttled(retryAfterSeconds);
      }

      @Override
      public SimResponse unavailable() {
        // UNVERIFIED wording; the code is what Graph documents for 503.
        return graphError(503, "serviceNotAvailable", "The service is temporarily unavailable.");
      }

      @Override
      public SimResponse failed() {
        return graphError(500, "generalException", "An unspecified error has occurred.");
      }
    };
  }

  /**
   * Entra ID's token error: {@code error}, {@code error_description} starting {@code AADSTSnnnn:}
   * and ending with trace lines, {@code error_codes}, {@code timestamp}, {@code trace_id}, {@code
   * correlation_id}, {@code error_uri}.
   */
  static SimResponse aadsts(int status, String error, int code, String description) {
    String traceId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    String timestamp = LocalDateTime.now(ZoneOffset.UTC).format(AADSTS_TIMESTAMP);
    ObjectNode root = JSON.createObjectNode();
    root.put("error", error);
    root.put(
        "error_description",
        "AADSTS"
            + code
            + ": "
            + description
            + "\r\nTrace ID: "
            + traceId
            + "\r\nCorrelation ID: "
            + correlationId
            + "\r\nTimestamp: "
            + timestamp);
    root.putArray("error_codes").add(code);
    root.put("timestamp", timestamp);
    root.put("trace_id", traceId);
    root.put("correlation_id", correlationId);
    root.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    return SimResponse.json(status, "application/json; charset=utf-8", write(root));
  }

  static String write(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
