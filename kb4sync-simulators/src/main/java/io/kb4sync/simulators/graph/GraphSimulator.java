package io.kb4sync.simulators.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.RequestLog;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Microsoft Entra ID's token endpoint and the read-only part of Microsoft Graph v1.0 that kb4sync
 * uses, for any number of tenants, over real loopback HTTP. {@link #baseUri()} serves as both
 * {@code login_url} and {@code graph_url}.
 *
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token} (tenant = GUID, initial or verified domain)
 *   <li>{@code GET /v1.0/organization}, {@code /v1.0/subscribedSkus}
 *   <li>{@code GET /v1.0/users} ({@code $select $top $filter $count $expand $orderby $search},
 *       absolute nextLinks), {@code /v1.0/users/$count}, {@code /v1.0/users/{id|upn}}, {@code
 *       /v1.0/users/{id|upn}/manager}
 * </ul>
 *
 * <p>Injected {@link Faults} hit Graph requests only, not the token endpoint (another service).
 * Delta queries and {@code $batch} are not simulated.
 *
 * <pre>{@code
 * try (GraphSimulator graph = GraphSimulator.start(acme)) {
 *   URI url = graph.baseUri();             // login_url and graph_url
 *   graph.faults(new Faults(42).throttle(0.1));
 *   acme.updateUser("alice@acme.example", u -> u.mail("alice.smith@acme.example"));
 *   graph.log().count(r -> r.path().equals("/v1.0/users"));
 * }
 * }</pre>
 */
public final class GraphSimulator implements AutoCloseable {
  private static final String GRAPH_PREFIX = "/v1.0/";

  private final List<GraphTenant> tenants = new CopyOnWriteArrayList<>();
  private final IssuedTokens tokens = new IssuedTokens();
  private final TokenEndpoint tokenEndpoint = new TokenEndpoint(this::findTenant, tokens);
  private final SimServer server;
  private final UsersEndpoint users;

  private GraphSimulator(List<GraphTenant> initial) {
    tenants.addAll(initial);
    this.server =
        SimServer.start(
            this::handle,
            GraphResponses.faultBodies(),
            request -> request.path().startsWith(GRAPH_PREFIX));
    this.users = new UsersEndpoint(server.baseUri());
  }

  /** The application permission of {@code delegatedAdminCustomers} (least privileged, read). */
  public static final String PARTNER_PERMISSION = "DelegatedAdminRelationship.Read.All";

  private volatile int customerPageSize = 100;

  /** How many GDAP customers one page lists (default 100); a smaller size tests paging. */
  public GraphSimulator customerPageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("page size must be at least 1");
    }
    customerPageSize = size;
    return this;
  }

  /** Starts a simulator serving the given tenants on a free loopback port. */
  public static GraphSimulator start(GraphTenant... tenants) {
    return new GraphSimulator(List.of(tenants));
  }

  /** {@code http://127.0.0.1:PORT}: both the login URL and the Graph URL. */
  public URI baseUri() {
    return server.baseUri();
  }

  public RequestLog log() {
    return server.log();
  }

  public Faults faults() {
    return server.faults();
  }

  /** Replaces the fault settings (throttling, 503s, latency, ...) for Graph requests. */
  public GraphSimulator faults(Faults faults) {
    server.faults(faults);
    return this;
  }

  /** Holds every request (token and Graph) from now on until the hold is closed. */
  public io.kb4sync.simulators.http.SimServer.Hold hold() {
    return server.hold(request -> true);
  }

  public GraphSimulator addTenant(GraphTenant tenant) {
    tenants.add(tenant);
    return this;
  }

  /** A tenant by GUID, initial or verified domain. */
  public GraphTenant tenant(String id) {
    return findTenant(id).orElseThrow(() -> new IllegalArgumentException("no tenant " + id));
  }

  /** How long tokens issued from now on live (default 3599 s, as Entra ID's). */
  public GraphSimulator tokenLifetime(Duration lifetime) {
    tokens.lifetime(lifetime);
    return this;
  }

  /** Invalidates every token issued for the tenant: the next Graph call gets 401. */
  public void revokeTokens(GraphTenant tenant) {
    tokens.revokeAll(tenant);
  }

  /** Graph requests received so far (token requests excluded). */
  public long graphRequests() {
    return log().count(r -> r.path().startsWith(GRAPH_PREFIX));
  }

  /** Token requests received so far. */
  public long tokenRequests() {
    return log().count(r -> r.path().endsWith("/oauth2/v2.0/token"));
  }

  @Override
  public void close() {
    server.close();
  }

  private Optional<GraphTenant> findTenant(String id) {
    return tenants.stream().filter(tenant -> tenant.answersTo(id)).findFirst();
  }

  private SimResponse handle(SimRequest request) {
    String path = request.path();
    String[] segments = path.substring(1).split("/", -1);
    if (segments.length == 4
        && segments[1].equals("oauth2")
        && segments[2].equals("v2.0")
        && segments[3].equals("token")) {
      return tokenEndpoint.handle(request, segments[0]);
    }
    if (segments.length == 4
        && segments[1].equals("v2.0")
        && segments[2].equals(".well-known")
        && segments[3].equals("openid-configuration")) {
      return openIdConfiguration(segments[0]);
    }
    if (!path.startsWith(GRAPH_PREFIX)) {
      return SimResponse.json(404, "{\"error\":\"not_found\"}");
    }
    Object caller = authenticate(request);
    if (caller instanceof SimResponse refused) {
      return refused;
    }
    GraphTenant tenant = (GraphTenant) caller;
    if (!request.method().equals("GET")) {
      return GraphResponses.graphError(
          405,
          "Request_BadRequest",
          "The simulator serves reads only; " + request.method() + " refused.");
    }
    String resource = path.substring(GRAPH_PREFIX.length());
    List<String> parts = new ArrayList<>(List.of(resource.split("/")));
    switch (parts.get(0)) {
      case "organization":
        if (parts.size() == 2) {
          return permitted(tenant, "Organization.Read.All")
              .orElseGet(() -> organizationById(request, tenant, parts.get(1)));
        }
        return permitted(tenant, "Organization.Read.All")
            .orElseGet(() -> organization(request, tenant));
      case "tenantRelationships":
        if (parts.size() == 2 && parts.get(1).equals("delegatedAdminCustomers")) {
          return permitted(tenant, PARTNER_PERMISSION)
              .orElseGet(() -> delegatedAdminCustomers(request, tenant));
        }
        break;
      case "subscribedSkus":
        return permitted(tenant, "Organization.Read.All")
            .orElseGet(() -> subscribedSkus(request, tenant));
      case "users":
        Optional<SimResponse> denied = permitted(tenant, "User.Read.All");
        if (denied.isPresent()) {
          return denied.get();
        }
        if (parts.size() == 1) {
          return users.list(request, tenant);
        }
        if (parts.size() == 2 && parts.get(1).equals("$count")) {
          return users.count(request, tenant);
        }
        if (parts.size() == 2) {
          return users.get(request, tenant, parts.get(1));
        }
        if (parts.size() == 3 && parts.get(2).equals("manager")) {
          return users.manager(request, tenant, parts.get(1));
        }
        break;
      default:
        break;
    }
    return UsersEndpoint.badRequest("Resource not found for the segment '" + resource + "'.");
  }

  /** The tenant whose valid token came with the request, or the 401 to answer. */
  private Object authenticate(SimRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return GraphResponses.graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    }
    Optional<IssuedTokens.Issued> issued = tokens.find(authorization.substring(7).trim());
    if (issued.isEmpty() || !tenants.contains(issued.get().tenant())) {
      return GraphResponses.graphError(
          401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
    }
    if (issued.get().expiresAt().isBefore(Instant.now())) {
      return GraphResponses.graphError(
          401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
    }
    return issued.get().tenant();
  }

  /**
   * Empty when the tenant granted the permission (or the broader Directory.Read.All), else the 403
   * Graph answers.
   */
  private static Optional<SimResponse> permitted(GraphTenant tenant, String permission) {
    if (tenant.has(permission) || tenant.has("Directory.Read.All")) {
      return Optional.empty();
    }
    return Optional.of(
        GraphResponses.graphError(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation."));
  }

  /**
   * Microsoft's public OpenID configuration document of a tenant (no token): the fields of the
   * documented sample (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc,
   * "Sample response") with the tenant's GUID where the sample has {tenant}, and the issuer; an
   * unknown tenant gets 400 with AADSTS90002, as Entra ID answers.
   */
  private SimResponse openIdConfiguration(String tenantName) {
    Optional<GraphTenant> tenant = findTenant(tenantName);
    if (tenant.isEmpty()) {
      ObjectNode error = GraphResponses.JSON.createObjectNode();
      error.put("error", "invalid_tenant");
      error.put(
          "error_description",
          "AADSTS90002: Tenant '"
              + tenantName
              + "' not found. Check to make sure you have the correct tenant ID and are signing"
              + " into the correct cloud.");
      error.putArray("error_codes").add(90002);
      return GraphResponses.graphJson(400, error);
    }
    String guid = tenant.get().tenantId();
    String login = baseUri().toString();
    ObjectNode doc = GraphResponses.JSON.createObjectNode();
    doc.put("authorization_endpoint", login + "/" + guid + "/oauth2/v2.0/authorize");
    doc.put("token_endpoint", login + "/" + guid + "/oauth2/v2.0/token");
    doc.putArray("token_endpoint_auth_methods_supported")
        .add("client_secret_post")
        .add("private_key_jwt");
    doc.put("jwks_uri", login + "/" + guid + "/discovery/v2.0/keys");
    doc.put("userinfo_endpoint", baseUri() + "/oidc/userinfo");
    doc.putArray("subject_types_supported").add("pairwise");
    doc.put("issuer", "https://login.microsoftonline.com/" + guid + "/v2.0");
    return GraphResponses.graphJson(200, doc);
  }

  /**
   * {@code GET /organization/{id}}: the organization object itself, as Microsoft's example shows it
   * (https://learn.microsoft.com/en-us/graph/api/organization-get); another id is 404.
   */
  private SimResponse organizationById(SimRequest request, GraphTenant tenant, String id) {
    if (!tenant.tenantId().equalsIgnoreCase(id)) {
      return GraphResponses.graphError(
          404,
          "Request_ResourceNotFound",
          "Resource '"
              + id
              + "' does not exist or one of its queried reference-property objects"
              + " are not present.");
    }
    SimResponse list = organization(request, tenant);
    if (list.status() != 200) {
      return list;
    }
    ObjectNode body = (ObjectNode) GraphResponses.JSON.valueToTree(parse(list.body()));
    ObjectNode org = (ObjectNode) body.get("value").get(0);
    ObjectNode entity = GraphResponses.JSON.createObjectNode();
    entity.put("@odata.context", baseUri() + "/v1.0/$metadata#organization/$entity");
    entity.setAll(org);
    return GraphResponses.graphJson(200, entity).withHeader("x-ms-resource-unit", "1");
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return GraphResponses.JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code value[0]} with id, displayName and verifiedDomains. Allowed with Organization.Read.All
   * or Directory.Read.All: the docs disagree for the list call (microsoft-graph.md §1), and
   * kb4sync's {@code doctor} probes it, so the simulator takes the permissive reading.
   */
  private SimResponse organization(SimRequest request, GraphTenant tenant) {
    ObjectNode body = GraphResponses.JSON.createObjectNode();
    body.put("@odata.context", baseUri() + "/v1.0/$metadata#organization");
    ObjectNode org = body.putArray("value").addObject();
    String select = request.param("$select");
    List<String> fields =
        select == null
            ? List.of("id", "displayName", "verifiedDomains")
            : List.of(select.split(","));
    List<String> domains = tenant.verifiedDomains();
    for (String field : fields) {
      switch (field.trim()) {
        case "id" -> org.put("id", tenant.tenantId());
        case "displayName" -> org.put("displayName", tenant.displayName());
        case "verifiedDomains" -> {
          ArrayNode verified = org.putArray("verifiedDomains");
          String defaultDomain = domains.size() > 1 ? domains.get(1) : domains.get(0);
          for (String domain : domains) {
            ObjectNode node = verified.addObject();
            node.put("capabilities", "Email, OfficeCommunicationsOnline");
            node.put("isDefault", domain.equals(defaultDomain));
            node.put("isInitial", domain.equals(tenant.name()));
            node.put("name", domain);
            node.put("type", "Managed");
          }
        }
        default -> {
          return UsersEndpoint.badRequest(
              "Could not find a property named '"
                  + field.trim()
                  + "' on type 'microsoft.graph.organization'.");
        }
      }
    }
    return GraphResponses.graphJson(200, body).withHeader("x-ms-resource-unit", "1");
  }

  /**
   * Shape of fixture subscribedSkus-list.json; only $select is supported (subscribedsku-list.md).
   */
  private SimResponse subscribedSkus(SimRequest request, GraphTenant tenant) {
    for (String option : request.query().keySet()) {
      if (!option.equals("$select")) {
        // Wording UNVERIFIED; the rule (only $select) is documented.
        return UsersEndpoint.badRequest(
            "Query option '" + option + "' is not supported for subscribedSkus; only $select is.");
      }
    }
    String select = request.param("$select");
    ObjectNode body = GraphResponses.JSON.createObjectNode();
    body.put("@odata.context", baseUri() + "/v1.0/$metadata#subscribedSkus");
    ArrayNode value = body.putArray("value");
    for (GraphSku sku : tenant.skus()) {
      ObjectNode full = GraphResponses.JSON.createObjectNode();
      full.put("accountName", tenant.displayName());
      full.put("accountId", tenant.tenantId());
      full.put("appliesTo", "User");
      full.put("capabilityStatus", sku.capabilityStatus());
      full.put("consumedUnits", sku.consumedUnits());
      full.put("id", tenant.tenantId() + "_" + sku.skuId());
      ObjectNode prepaid = full.putObject("prepaidUnits");
      boolean enabled = sku.capabilityStatus().equals("Enabled");
      prepaid.put("enabled", enabled ? sku.prepaidUnits() : 0);
      prepaid.put("lockedOut", 0);
      prepaid.put("suspended", sku.capabilityStatus().equals("Suspended") ? sku.prepaidUnits() : 0);
      prepaid.put("warning", sku.capabilityStatus().equals("Warning") ? sku.prepaidUnits() : 0);
      full.putArray("servicePlans");
      full.put("skuId", sku.skuId());
      full.put("skuPartNumber", sku.skuPartNumber());
      full.putArray("subscriptionIds").add(GraphTenant.uuid("subscription:" + sku.skuId()));
      if (select == null) {
        value.add(full);
      } else {
        ObjectNode selected = value.addObject();
        for (String field : select.split(",")) {
          if (full.has(field.trim())) {
            selected.set(field.trim(), full.get(field.trim()));
          }
        }
      }
    }
    return GraphResponses.graphJson(200, body)
        .withHeader("x-ms-resource-unit", Integer.toString(select == null ? 3 : 2));
  }

  /**
   * {@code GET /v1.0/tenantRelationships/delegatedAdminCustomers} of the calling (partner) tenant:
   * {@code id}, {@code tenantId}, {@code displayName} (delegatedadmincustomer.md), paged by an
   * opaque {@code $skiptoken} in {@code @odata.nextLink}. Only {@code $skiptoken} is accepted;
   * Microsoft documents more ($select, $orderby on displayName) that kb4sync does not send.
   */
  private SimResponse delegatedAdminCustomers(SimRequest request, GraphTenant tenant) {
    for (String option : request.query().keySet()) {
      if (!option.equals("$skiptoken")) {
        return UsersEndpoint.badRequest(
            "Query option '" + option + "' is not supported by the simulator here.");
      }
    }
    long start = 0;
    String token = request.param("$skiptoken");
    if (token != null) {
      Optional<SkipToken> decoded = SkipToken.decode(token);
      if (decoded.isEmpty() || !decoded.get().tenantId().equals(tenant.tenantId())) {
        return UsersEndpoint.badRequest("Invalid $skiptoken.");
      }
      start = decoded.get().position();
    }
    List<Map.Entry<String, String>> all = new ArrayList<>(tenant.customers().entrySet());
    int size = customerPageSize;
    ObjectNode body = GraphResponses.JSON.createObjectNode();
    body.put(
        "@odata.context",
        baseUri() + "/v1.0/$metadata#tenantRelationships/delegatedAdminCustomers");
    ArrayNode value = body.putArray("value");
    int end = (int) Math.min(all.size(), start + size);
    for (int i = (int) start; i < end; i++) {
      ObjectNode customer = value.addObject();
      customer.put("@odata.type", "#microsoft.graph.delegatedAdminCustomer");
      customer.put("id", all.get(i).getKey());
      customer.put("tenantId", all.get(i).getKey());
      customer.put("displayName", all.get(i).getValue());
    }
    if (end < all.size()) {
      body.put(
          "@odata.nextLink",
          baseUri()
              + "/v1.0/tenantRelationships/delegatedAdminCustomers?$skiptoken="
              + new SkipToken(tenant.tenantId(), end, 0).encode());
    }
    return GraphResponses.graphJson(200, body);
  }
}
