package io.kb4sync.simulators.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v1.0/users}, {@code /v1.0/users/$count}, {@code /users/{id}}, {@code
 * /users/{id}/manager}.
 */
final class UsersEndpoint {
  static final int DEFAULT_PAGE_SIZE = 100;

  /** "Max page size with $expand is 100" (microsoft-graph-docs#21506). */
  static final int MAX_PAGE_SIZE_WITH_EXPAND = 100;

  private static final Set<String> LIST_OPTIONS =
      Set.of(
          "$select", "$top", "$filter", "$count", "$expand", "$orderby", "$search", "$skiptoken");
  private static final Pattern EXPAND_MANAGER =
      Pattern.compile("manager(?:\\((.*)\\))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORDER_BY =
      Pattern.compile(
          "(displayName|userPrincipalName|mail|givenName|surname)(?:\\s+(asc|desc))?",
          Pattern.CASE_INSENSITIVE);

  private final URI base;

  UsersEndpoint(URI base) {
    this.base = base;
  }

  /** The manager part of {@code $expand}: which fields of the manager to render. */
  private record Expand(List<String> fields) {}

  SimResponse list(SimRequest request, GraphTenant tenant) {
    for (String option : request.query().keySet()) {
      if (option.equalsIgnoreCase("$skip")) {
        return badRequest("'$skip' is not supported by the service.");
      }
      if (option.startsWith("$") && !LIST_OPTIONS.contains(option)) {
        return badRequest("Query option '" + option + "' is not allowed.");
      }
    }
    boolean eventual = "eventual".equalsIgnoreCase(request.header("ConsistencyLevel"));
    // $count=true without the header is silently ignored (aad-advanced-queries.md).
    boolean advanced = eventual && "true".equalsIgnoreCase(request.param("$count"));

    List<String> fields = UserFields.DEFAULT;
    String select = request.param("$select");
    if (select != null) {
      Optional<SimResponse> error = checkSelect(select);
      if (error.isPresent()) {
        return error.get();
      }
      fields = UserFields.parseSelect(select, new ArrayList<>());
    }

    Integer top = null;
    String topText = request.param("$top");
    if (topText != null) {
      try {
        top = Integer.parseInt(topText.trim());
      } catch (NumberFormatException e) {
        top = -1;
      }
      if (top < 1 || top > 999) {
        // Microsoft Q&A 1129204: the exact text Graph answers.
        return badRequest(
            "Invalid page size specified: '" + topText + "'. Must be between 1 and 999 inclusive.");
      }
    }

    Expand expand = null;
    String expandText = request.param("$expand");
    if (expandText != null) {
      if (advanced) {
        // $expand is not supported in advanced queries (aad-advanced-queries.md); wording
        // UNVERIFIED.
        return GraphResponses.graphError(
            400,
            "Request_UnsupportedQuery",
            "Expand is not supported together with advanced query parameters"
                + " (ConsistencyLevel:eventual and $count).");
      }
      Object parsed = parseExpand(expandText);
      if (parsed instanceof SimResponse error) {
        return error;
      }
      expand = (Expand) parsed;
    }

    String search = request.param("$search");
    Predicate<GraphUser> matches = user -> true;
    if (search != null) {
      if (!eventual) {
        // Fixture error-search-missing-consistencylevel.json.
        return GraphResponses.graphError(
            400,
            "Request_UnsupportedQuery",
            "Request with $search query parameter only works through MSGraph with a special"
                + " request header: 'ConsistencyLevel: eventual'");
      }
      matches = searchPredicate(search);
    }
    UserFilter.Parsed filter = UserFilter.parse(request.param("$filter"), advanced);
    if (filter.error() != null) {
      return filter.error();
    }
    matches = matches.and(filter.predicate());

    Comparator<GraphUser> order = null;
    String orderBy = request.param("$orderby");
    if (orderBy != null) {
      Matcher m = ORDER_BY.matcher(orderBy.trim());
      if (!m.matches()) {
        return badRequest("Sorting not supported for current query.");
      }
      if (request.param("$filter") != null && !advanced) {
        // $filter with $orderby is an advanced query (aad-advanced-queries.md).
        return GraphResponses.graphError(
            400, "Request_UnsupportedQuery", "Sorting not supported for current query.");
      }
      Function<GraphUser, String> key = UserFilter.field(m.group(1));
      order =
          Comparator.comparing(
              (GraphUser u) -> key.apply(u) == null ? "" : key.apply(u).toLowerCase(Locale.ROOT));
      if (m.group(2) != null && m.group(2).equalsIgnoreCase("desc")) {
        order = order.reversed();
      }
    }

    int pageSize = top == null ? DEFAULT_PAGE_SIZE : top;
    if (expand != null) {
      // With $expand Graph caps the page at 100 rather than failing: chosen, as the doc marks
      // "cap or error" UNVERIFIED and a cap is the gentler reading of the merged docs PR.
      pageSize = Math.min(pageSize, MAX_PAGE_SIZE_WITH_EXPAND);
    }

    String keptQuery = withoutSkipToken(request.rawQuery());
    int queryHash = keptQuery.hashCode();
    long position = 0;
    String skipToken = request.param("$skiptoken");
    if (skipToken != null) {
      Optional<SkipToken> token = SkipToken.decode(skipToken);
      if (token.isEmpty() || token.get().queryHash() != queryHash) {
        return badRequest(
            "The $skiptoken is not valid for this query; follow @odata.nextLink as is.");
      }
      if (!token.get().tenantId().equals(tenant.tenantId())) {
        // The link was issued to another tenant: its token has no business reading it.
        return GraphResponses.graphError(
            401,
            "InvalidAuthenticationToken",
            "Access token validation failure. Invalid audience.");
      }
      position = token.get().position();
    }

    List<GraphUser> page = new ArrayList<>();
    long nextPosition;
    boolean more;
    long count = -1;
    if (order == null) {
      // Keyset paging over creation order: users deleted or added between pages never shift it.
      long last = position;
      more = false;
      for (Map.Entry<Long, GraphUser> entry : tenant.usersAfter(position).entrySet()) {
        if (!matches.test(entry.getValue())) {
          continue;
        }
        if (page.size() == pageSize) {
          more = true;
          break;
        }
        page.add(entry.getValue());
        last = entry.getKey();
      }
      nextPosition = last;
      if (advanced) {
        count = tenant.users().stream().filter(matches).count();
      }
    } else {
      List<GraphUser> all = new ArrayList<>(tenant.users().stream().filter(matches).toList());
      all.sort(order);
      int from = (int) Math.min(position, all.size());
      int to = Math.min(from + pageSize, all.size());
      page.addAll(all.subList(from, to));
      more = to < all.size();
      nextPosition = to;
      count = all.size();
    }

    ObjectNode body = GraphResponses.JSON.createObjectNode();
    body.put(
        "@odata.context",
        base
            + "/v1.0/$metadata#users"
            + (select == null ? "" : "(" + String.join(",", fields) + ")"));
    if (advanced) {
      body.put("@odata.count", count);
    }
    if (more) {
      String token = new SkipToken(tenant.tenantId(), nextPosition, queryHash).encode();
      body.put(
          "@odata.nextLink",
          base
              + "/v1.0/users?"
              + (keptQuery.isEmpty() ? "" : keptQuery + "&")
              + "$skiptoken="
              + token);
    }
    ArrayNode value = body.putArray("value");
    for (GraphUser user : page) {
      ObjectNode node = UserFields.render(user, fields);
      if (expand != null) {
        Optional<GraphUser> manager = managerOf(tenant, user);
        // A user without a manager carries no "manager" property at all.
        List<String> managerFields = expand.fields() == null ? UserFields.DEFAULT : expand.fields();
        manager.ifPresent(m -> node.set("manager", managerNode(m, managerFields)));
      }
      value.add(node);
    }
    return GraphResponses.graphJson(200, body)
        .withHeader("x-ms-resource-unit", Integer.toString(cost(2, request)));
  }

  SimResponse count(SimRequest request, GraphTenant tenant) {
    if (!"eventual".equalsIgnoreCase(request.header("ConsistencyLevel"))) {
      // Fixture error-count-missing-consistencylevel.json.
      return badRequest("$count is not currently supported.");
    }
    UserFilter.Parsed filter = UserFilter.parse(request.param("$filter"), true);
    if (filter.error() != null) {
      return filter.error();
    }
    long count = tenant.users().stream().filter(filter.predicate()).count();
    return new SimResponse(
        200, Map.of("Content-Type", "text/plain;charset=utf-8"), Long.toString(count));
  }

  SimResponse get(SimRequest request, GraphTenant tenant, String idOrUpn) {
    Optional<GraphUser> user = tenant.user(idOrUpn);
    if (user.isEmpty()) {
      return notFound(idOrUpn);
    }
    List<String> fields = UserFields.DEFAULT;
    String select = request.param("$select");
    if (select != null) {
      Optional<SimResponse> error = checkSelect(select);
      if (error.isPresent()) {
        return error.get();
      }
      fields = UserFields.parseSelect(select, new ArrayList<>());
    }
    ObjectNode body = GraphResponses.JSON.createObjectNode();
    body.put("@odata.context", base + "/v1.0/$metadata#users/$entity");
    body.setAll(UserFields.render(user.get(), fields));
    return GraphResponses.graphJson(200, body)
        .withHeader("x-ms-resource-unit", Integer.toString(cost(1, request)));
  }

  /** Shape of fixture user-list-manager-response.json. */
  SimResponse manager(SimRequest request, GraphTenant tenant, String idOrUpn) {
    Optional<GraphUser> user = tenant.user(idOrUpn);
    if (user.isEmpty()) {
      return notFound(idOrUpn);
    }
    Optional<GraphUser> manager = managerOf(tenant, user.get());
    if (manager.isEmpty()) {
      return notFound("manager");
    }
    List<String> fields = UserFields.DEFAULT;
    String select = request.param("$select");
    if (select != null) {
      Optional<SimResponse> error = checkSelect(select);
      if (error.isPresent()) {
        return error.get();
      }
      fields = UserFields.parseSelect(select, new ArrayList<>());
    }
    ObjectNode body = GraphResponses.JSON.createObjectNode();
    body.put("@odata.context", base + "/v1.0/$metadata#directoryObjects/$entity");
    body.setAll(managerNode(manager.get(), fields));
    return GraphResponses.graphJson(200, body)
        .withHeader("x-ms-resource-unit", Integer.toString(cost(1, request)));
  }

  private static ObjectNode managerNode(GraphUser manager, List<String> fields) {
    ObjectNode node = GraphResponses.JSON.createObjectNode();
    node.put("@odata.type", "#microsoft.graph.user");
    List<String> withId = new ArrayList<>(fields);
    if (!withId.contains("id")) {
      withId.add(0, "id");
    }
    node.setAll(UserFields.render(manager, withId));
    return node;
  }

  private static Optional<GraphUser> managerOf(GraphTenant tenant, GraphUser user) {
    return user.manager() == null ? Optional.empty() : tenant.user(user.manager());
  }

  private static Object parseExpand(String text) {
    if (splitTopLevel(text).size() > 1) {
      // Only one navigation property can be expanded on users (microsoft-graph-docs#96).
      return badRequest("Only one navigation property can be expanded on this collection.");
    }
    Matcher m = EXPAND_MANAGER.matcher(text.trim());
    if (!m.matches()) {
      String name = text.trim().replaceFirst("\\(.*$", "");
      return badRequest("The simulator expands only 'manager'; '" + name + "' is not simulated.");
    }
    if (m.group(1) == null || m.group(1).isBlank()) {
      return new Expand(null);
    }
    List<String> fields = null;
    for (String option : m.group(1).split(";")) {
      String[] pair = option.split("=", 2);
      String name = pair[0].trim();
      if (name.equalsIgnoreCase("$levels")) {
        // microsoft-graph-docs#18615.
        return GraphResponses.graphError(
            400,
            "Request_Unsupported",
            "Transitive manager's list is only supported on a single user.");
      }
      if (!name.equalsIgnoreCase("$select") || pair.length < 2) {
        return badRequest("Query option '" + name + "' is not supported inside $expand=manager.");
      }
      List<String> unknown = new ArrayList<>();
      fields = UserFields.parseSelect(pair[1], unknown);
      if (!unknown.isEmpty()) {
        return unknownProperty(unknown.get(0));
      }
    }
    return new Expand(fields);
  }

  private static Optional<SimResponse> checkSelect(String select) {
    for (String name : select.split(",")) {
      if (UserFields.notInLists(name)) {
        return Optional.of(
            GraphResponses.graphError(
                501,
                "NotImplemented",
                "This operation target is not yet supported for property '" + name.trim() + "'."));
      }
    }
    List<String> unknown = new ArrayList<>();
    UserFields.parseSelect(select, unknown);
    return unknown.isEmpty() ? Optional.empty() : Optional.of(unknownProperty(unknown.get(0)));
  }

  private static Predicate<GraphUser> searchPredicate(String search) {
    // "displayName:foo" terms, case-insensitive contains; enough for tests of the header rule.
    String term = search.replace("\"", "").trim();
    int colon = term.indexOf(':');
    String property = colon < 0 ? "displayName" : term.substring(0, colon);
    String text = (colon < 0 ? term : term.substring(colon + 1)).toLowerCase(Locale.ROOT);
    Function<GraphUser, String> field;
    try {
      field = UserFilter.field(property);
    } catch (IllegalArgumentException e) {
      field = GraphUser::displayName;
    }
    Function<GraphUser, String> chosen = field;
    return user -> {
      String value = chosen.apply(user);
      return value != null && value.toLowerCase(Locale.ROOT).contains(text);
    };
  }

  /** The raw query minus {@code $skiptoken}, in its original encoding and order. */
  static String withoutSkipToken(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!SimServer.parseQuery(name).containsKey("$skiptoken") && !pair.isEmpty()) {
        kept.add(pair);
      }
    }
    return String.join("&", kept);
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /**
   * Resource units, from throttling-limits.md: base cost, $select -1, $expand +1, $top under 20 -1,
   * at least 1.
   */
  static int cost(int base, SimRequest request) {
    int cost = base;
    if (request.param("$select") != null) {
      cost--;
    }
    if (request.param("$expand") != null) {
      cost++;
    }
    String top = request.param("$top");
    if (top != null && top.matches("\\d+") && Integer.parseInt(top) < 20) {
      cost--;
    }
    return Math.max(1, cost);
  }

  static SimResponse badRequest(String message) {
    return GraphResponses.graphError(400, "Request_BadRequest", message);
  }

  private static SimResponse unknownProperty(String name) {
    return badRequest(
        "Could not find a property named '" + name + "' on type 'microsoft.graph.user'.");
  }

  static SimResponse notFound(String resource) {
    return GraphResponses.graphError(
        404,
        "Request_ResourceNotFound",
        "Resource '"
            + resource
            + "' does not exist or one of its queried reference-property objects are not present.");
  }
}
