package io.kb4sync.simulators.knowbe4;

import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;

/**
 * Injected fault answers shaped as SCIM errors, with a {@code message} too so the Reporting
 * surface's clients read them the same way.
 */
enum ScimFaultBodies implements SimServer.FaultBodies {
  INSTANCE;

  @Override
  public SimResponse throttled(int retryAfterSeconds) {
    return body(429, "Too Many Requests")
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  @Override
  public SimResponse unavailable() {
    return body(503, "Service Unavailable");
  }

  @Override
  public SimResponse failed() {
    return body(500, "Internal Server Error");
  }

  private static SimResponse body(int status, String text) {
    return SimResponse.json(
        status,
        ScimMessages.CONTENT_TYPE,
        "{\"schemas\":[\""
            + ScimMessages.ERROR
            + "\"],\"status\":\""
            + status
            + "\",\"detail\":\""
            + text
            + "\",\"message\":\""
            + text
            + "\"}");
  }
}
