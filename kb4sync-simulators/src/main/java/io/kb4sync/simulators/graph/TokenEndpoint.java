package io.kb4sync.simulators.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: the client-credentials grant with a secret or a
 * certificate assertion, answering Entra ID's token or AADSTS error shapes. Error codes follow the
 * ones seen in the wild (microsoft-graph.md §1); the descriptions' wording is close to, not a copy
 * of, Entra's.
 */
final class TokenEndpoint {
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final Function<String, Optional<GraphTenant>> tenants;
  private final IssuedTokens tokens;

  TokenEndpoint(Function<String, Optional<GraphTenant>> tenants, IssuedTokens tokens) {
    this.tenants = tenants;
    this.tokens = tokens;
  }

  SimResponse handle(SimRequest request, String tenantSegment) {
    if (!request.method().equals("POST")) {
      return GraphResponses.aadsts(
          405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
    }
    Map<String, List<String>> form = SimServer.parseQuery(request.body());
    Optional<GraphTenant> found = tenants.apply(tenantSegment);
    if (found.isEmpty()) {
      return GraphResponses.aadsts(
          400,
          "invalid_request",
          90002,
          "Tenant '"
              + tenantSegment
              + "' not found. Check to make sure you have the correct tenant ID and are signing"
              + " into the correct cloud. Check with your subscription administrator, this may"
              + " happen if there are no active subscriptions for the tenant.");
    }
    GraphTenant tenant = found.get();
    for (String required : List.of("grant_type", "client_id", "scope")) {
      if (first(form, required) == null) {
        return GraphResponses.aadsts(
            400,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: '" + required + "'.");
      }
    }
    if (!first(form, "grant_type").equals("client_credentials")) {
      return GraphResponses.aadsts(
          400,
          "unsupported_grant_type",
          70003,
          "The app requested an unsupported grant type '" + first(form, "grant_type") + "'.");
    }
    String scope = first(form, "scope");
    if (!isDefaultScope(scope)) {
      return GraphResponses.aadsts(
          400,
          "invalid_scope",
          1002012,
          "The provided value for scope "
              + scope
              + " is not valid. Client credential flows must have a scope value with /.default"
              + " suffixed to the resource identifier (application ID URI).");
    }
    String clientId = first(form, "client_id");
    if (!clientId.equals(tenant.clientId()) || !tenant.consented()) {
      return GraphResponses.aadsts(
          400,
          "unauthorized_client",
          700016,
          "Application with identifier '"
              + clientId
              + "' was not found in the directory '"
              + tenant.displayName()
              + "'. This can happen if the application has not been installed by the"
              + " administrator of the tenant or consented to by any user in the tenant. You may"
              + " have sent your authentication request to the wrong tenant.");
    }
    Optional<SimResponse> refused = checkCredential(form, tenant, clientId, request.path());
    if (refused.isPresent()) {
      return refused.get();
    }
    if (tenant.consentPending()) {
      return GraphResponses.aadsts(
          400,
          "invalid_grant",
          65001,
          "The user or administrator has not consented to use the application with ID '"
              + clientId
              + "' named 'kb4sync'. Send an interactive authorization request for this user and"
              + " resource.");
    }
    ObjectNode body = GraphResponses.JSON.createObjectNode();
    long seconds = tokens.lifetime().toSeconds();
    body.put("token_type", "Bearer");
    body.put("expires_in", seconds);
    body.put("ext_expires_in", seconds);
    body.put("access_token", tokens.issue(tenant));
    return SimResponse.json(200, "application/json; charset=utf-8", GraphResponses.write(body));
  }

  private Optional<SimResponse> checkCredential(
      Map<String, List<String>> form, GraphTenant tenant, String clientId, String path) {
    String secret = first(form, "client_secret");
    String assertion = first(form, "client_assertion");
    if (secret != null) {
      if (tenant.clientSecret() != null && tenant.clientSecret().equals(secret)) {
        return Optional.empty();
      }
      return Optional.of(
          GraphResponses.aadsts(
              401,
              "invalid_client",
              7000215,
              "Invalid client secret provided. Ensure the secret being sent in the request is the"
                  + " client secret value, not the client secret ID, for a secret added to app '"
                  + clientId
                  + "'."));
    }
    if (assertion != null) {
      if (!ASSERTION_TYPE.equals(first(form, "client_assertion_type"))) {
        return Optional.of(
            GraphResponses.aadsts(
                400,
                "invalid_request",
                50027,
                "client_assertion_type must be " + ASSERTION_TYPE + "."));
      }
      return ClientAssertionVerifier.check(assertion, clientId, path, tenant.clientCertificate())
          .map(
              failure ->
                  GraphResponses.aadsts(
                      401, "invalid_client", failure.code(), failure.description()));
    }
    return Optional.of(
        GraphResponses.aadsts(
            401,
            "invalid_client",
            7000216,
            "'client_assertion', 'client_secret' or 'request' is required for the"
                + " 'client_credentials' grant type."));
  }

  /**
   * One resource scope ending {@code /.default}; the OpenID scopes may come along (msal4j 1.26.1
   * adds {@code openid profile offline_access} when it signs with a certificate, and Entra ID
   * accepts that).
   */
  private static boolean isDefaultScope(String scope) {
    List<String> resources =
        java.util.Arrays.stream(scope.trim().split("\\s+"))
            .filter(s -> !Set.of("openid", "profile", "offline_access").contains(s))
            .toList();
    return resources.size() == 1 && resources.get(0).endsWith("/.default");
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }
}
