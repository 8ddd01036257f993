package io.kb4sync.server;

import java.util.List;

/**
 * One route of service mode's HTTP face: what the server registers, what the OpenAPI document
 * describes (a test holds the two to each other), and the least role that may call it.
 *
 * @param method {@code GET}, {@code POST}, {@code PATCH} or {@code DELETE}
 * @param path with path parameters in braces, as in OpenAPI
 * @param role the least role that may call it; null for no token at all ({@code /healthz})
 */
public record ApiRoute(String method, String path, Role role) {

  public static final String API = "/api/v1";

  public static final ApiRoute COMPANIES = new ApiRoute("GET", API + "/companies", Role.VIEWER);
  public static final ApiRoute COMPANY =
      new ApiRoute("GET", API + "/companies/{company_id}", Role.VIEWER);
  public static final ApiRoute PAUSE =
      new ApiRoute("PATCH", API + "/companies/{company_id}", Role.OPERATOR);
  public static final ApiRoute START_RUN =
      new ApiRoute("POST", API + "/companies/{company_id}/runs", Role.OPERATOR);
  public static final ApiRoute CANCEL_RUN =
      new ApiRoute("DELETE", API + "/runs/{run_id}", Role.OPERATOR);
  public static final ApiRoute RUNS = new ApiRoute("GET", API + "/runs", Role.VIEWER);
  public static final ApiRoute RUN = new ApiRoute("GET", API + "/runs/{run_id}", Role.VIEWER);
  public static final ApiRoute RELOAD = new ApiRoute("POST", API + "/reload", Role.ADMIN);
  public static final ApiRoute OPENAPI = new ApiRoute("GET", API + "/openapi.json", Role.VIEWER);
  public static final ApiRoute HEALTHZ = new ApiRoute("GET", "/healthz", null);
  public static final ApiRoute READYZ = new ApiRoute("GET", "/readyz", Role.VIEWER);
  public static final ApiRoute METRICS = new ApiRoute("GET", "/metrics", Role.VIEWER);

  /** Every route, as the contract lists them. */
  public static final List<ApiRoute> ALL =
      List.of(
          COMPANIES,
          COMPANY,
          PAUSE,
          START_RUN,
          CANCEL_RUN,
          RUNS,
          RUN,
          RELOAD,
          OPENAPI,
          HEALTHZ,
          READYZ,
          METRICS);

  /** {@code GET /api/v1/runs}. */
  @Override
  public String toString() {
    return method + " " + path;
  }
}
