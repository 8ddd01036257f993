package io.kb4sync.simulators.knowbe4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SCIM 2.0 surface of the simulated account: {@code /Users} and {@code /Groups}. */
final class ScimApi {
  static final String CONTENT_TYPE = "application/scim+json";
  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

  private static final Pattern MEMBER_FILTER =
      Pattern.compile("^members\\[\\s*value\\s+(?i:eq)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\]$");

  private final SimAccount account;
  private final KnowBe4Simulator.Behaviour behaviour;
  private final URI base;

  ScimApi(SimAccount account, KnowBe4Simulator.Behaviour behaviour, URI base) {
    this.account = account;
    this.behaviour = behaviour;
    this.base = base;
  }

  /** Handles a request whose path is relative to the SCIM base ({@code /Users...}). */
  SimResponse handle(SimRequest request, String path) {
    String auth = request.header("Authorization");
    if (auth == null || !auth.equals("Bearer " + behaviour.scimToken)) {
      return error(401, null, "Authorization failure. The authorization header is invalid.");
    }
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    String collection = parts[0];
    String id = parts.length > 1 ? parts[1] : null;
    if (parts.length > 2 || !(collection.equals("Users") || collection.equals("Groups"))) {
      return error(404, null, "Endpoint not found: " + path);
    }
    synchronized (account) {
      if (collection.equals("Users")) {
        return users(request, id);
      }
      return groups(request, id);
    }
  }

  // ---- Users

  private SimResponse users(SimRequest request, String id) {
    String method = request.method();
    if (id == null) {
      return switch (method) {
        case "GET" -> listUsers(request);
        case "POST" -> createUser(request);
        default -> error(405, null, "Method not allowed on /Users");
      };
    }
    SimUser user = account.user(id);
    if (user == null) {
      return error(404, null, "User " + id + " not found");
    }
    return switch (method) {
      case "GET" -> ok(200, userJson(user));
      case "PATCH" -> patchUser(request, user);
      case "PUT" -> putUser(request, user);
      case "DELETE" -> deleteUser(user);
      default -> error(405, null, "Method not allowed on /Users/{id}");
    };
  }

  private SimResponse listUsers(SimRequest request) {
    Predicate<SimUser> match = u -> true;
    String filterText = request.param("filter");
    if (filterText != null) {
      ScimFilter filter = ScimFilter.parse(filterText);
      if (filter == null || !filter.on("userName")) {
        // KnowBe4 documents userName as the only filterable attribute.
        return error(400, "invalidFilter", "Unsupported filter: " + filterText);
      }
      match =
          u ->
              behaviour.caseSensitiveUserNameFilter
                  ? u.userName.equals(filter.value())
                  : SimAccount.key(u.userName).equals(SimAccount.key(filter.value()));
    }
    List<JsonNode> all = new ArrayList<>();
    boolean unfiltered = filterText == null;
    for (SimUser user : account.users()) {
      if (unfiltered && behaviour.unlistedInScim.contains(SimAccount.key(user.userName))) {
        continue;
      }
      if (match.test(user)) {
        all.add(userJson(user));
      }
    }
    return page(request, all);
  }

  private SimResponse createUser(SimRequest request) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !body.isObject()) {
      return error(400, "invalidSyntax", "Request body is not a JSON object");
    }
    if (!hasSchema(body, USER_SCHEMA)) {
      return error(400, "invalidValue", "schemas must contain " + USER_SCHEMA);
    }
    String userName = SimJson.text(body.get("userName"));
    if (userName == null || userName.isBlank()) {
      return error(400, "invalidValue", "Required attribute userName is missing");
    }
    var existing =
        behaviour.uniqueUserNames
            ? account.findByUserName(userName, false)
            : Optional.<SimUser>empty();
    if (existing.isPresent()) {
      if (!behaviour.duplicateCreateConflicts) {
        return ok(200, userJson(existing.get()));
      }
      return error(409, "uniqueness", "User with userName " + userName + " already exists");
    }
    SimUser user = account.addUser(userName, true, behaviour.uniqueUserNames);
    try {
      applyObject(user, body, "replace", true);
    } catch (BadPatch e) {
      account.removeUser(user.scimId);
      return error(400, e.scimType, e.getMessage());
    }
    if (body.has("active")) {
      account.setActive(user, body.get("active").asBoolean(true));
    }
    user.lastModified = account.now();
    return ok(201, userJson(user)).withHeader("Location", location("Users", user.scimId));
  }

  private SimResponse putUser(SimRequest request, SimUser user) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !body.isObject()) {
      return error(400, "invalidSyntax", "Request body is not a JSON object");
    }
    try {
      clearForReplace(user);
      applyObject(user, body, "replace", true);
    } catch (BadPatch e) {
      return error(400, e.scimType, e.getMessage());
    }
    user.lastModified = account.now();
    return ok(200, userJson(user));
  }

  private SimResponse patchUser(SimRequest request, SimUser user) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !hasSchema(body, PATCH_OP) || !body.path("Operations").isArray()) {
      return error(400, "invalidSyntax", "Expected a PatchOp with Operations");
    }
    SimUser before = copy(user);
    try {
      for (JsonNode op : body.get("Operations")) {
        String kind = SimJson.text(op.get("op"));
        if (kind == null) {
          throw new BadPatch("invalidSyntax", "Operation without op");
        }
        kind = kind.toLowerCase(Locale.ROOT);
        if (!List.of("add", "replace", "remove").contains(kind)) {
          throw new BadPatch("invalidSyntax", "Unknown op " + kind);
        }
        String path = SimJson.text(op.get("path"));
        JsonNode value = op.get("value");
        if (path == null) {
          if (value == null || !value.isObject()) {
            throw new BadPatch("noTarget", "An operation without path needs an object value");
          }
          applyObject(user, value, kind, false);
        } else {
          applyPath(user, path, kind.equals("remove") ? null : value, kind);
        }
      }
    } catch (BadPatch e) {
      restore(user, before);
      return error(400, e.scimType, e.getMessage());
    }
    user.lastModified = account.now();
    if (behaviour.patchAnswersNoContent) {
      return SimResponse.empty(204);
    }
    return ok(200, userJson(user));
  }

  private SimResponse deleteUser(SimUser user) {
    if (behaviour.deleteArchives) {
      account.setActive(user, false);
    } else {
      account.removeUser(user.scimId);
    }
    return SimResponse.empty(204);
  }

  private void applyObject(SimUser user, JsonNode value, String op, boolean creating)
      throws BadPatch {
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String name = field.getKey();
      JsonNode v = field.getValue();
      switch (name.toLowerCase(Locale.ROOT)) {
        case "schemas", "id", "meta" -> {
          // Read-only or envelope attributes.
        }
        case "active" -> {
          if (!creating) {
            applyPath(user, name, v, op);
          }
        }
        case "name" -> {
          if (v.isObject()) {
            for (Map.Entry<String, JsonNode> sub : v.properties()) {
              applyPath(user, "name." + sub.getKey(), sub.getValue(), op);
            }
          } else if (!v.isNull()) {
            throw new BadPatch("invalidValue", "name must be an object");
          }
        }
        default -> {
          if (name.equalsIgnoreCase(ENTERPRISE)) {
            if (v.isObject()) {
              for (Map.Entry<String, JsonNode> sub : v.properties()) {
                applyPath(user, ENTERPRISE + ":" + sub.getKey(), sub.getValue(), op);
              }
            }
          } else if (name.startsWith("urn:") && !name.startsWith(USER_SCHEMA)) {
            // Other extensions (e.g. the KnowBe4 kmsat one) are accepted and not kept.
          } else {
            applyPath(user, name, v, op);
          }
        }
      }
    }
  }

  /** Applies one attribute. A null value (or op remove) clears the attribute. */
  private void applyPath(SimUser user, String rawPath, JsonNode value, String op) throws BadPatch {
    String path = rawPath;
    if (path.regionMatches(true, 0, USER_SCHEMA + ":", 0, USER_SCHEMA.length() + 1)) {
      path = path.substring(USER_SCHEMA.length() + 1);
    } else if (path.regionMatches(true, 0, ENTERPRISE + ":", 0, ENTERPRISE.length() + 1)) {
      path = "enterprise." + path.substring(ENTERPRISE.length() + 1);
    }
    boolean clear = op.equals("remove") || value == null || value.isNull();
    String text = clear ? null : value.isValueNode() ? value.asText() : null;
    switch (path.toLowerCase(Locale.ROOT)) {
      case "active" -> {
        if (clear) {
          throw new BadPatch("mutability", "active cannot be removed");
        }
        account.setActive(
            user, value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(text));
      }
      case "username" -> {
        if (clear || text.isBlank()) {
          throw new BadPatch("invalidValue", "userName is required");
        }
        var other = account.findByUserName(text, false);
        if (behaviour.uniqueUserNames && other.isPresent() && other.get() != user) {
          throw new BadPatch("uniqueness", "userName " + text + " is taken");
        }
        user.userName = text;
      }
      case "displayname" -> user.displayName = text;
      case "title" -> user.title = text;
      case "externalid" -> user.externalId = text;
      case "name.givenname" -> user.givenName = text;
      case "name.familyname" -> user.familyName = text;
      case "name.formatted" -> {
        // Derived; not kept.
      }
      case "emails" -> user.workEmail = clear ? null : primaryEmail(value);
      case "emails[type eq \"work\"].value" -> user.workEmail = text;
      case "enterprise.department" -> user.department = text;
      case "enterprise.division" -> user.division = text;
      case "enterprise.organization" -> user.organization = text;
      case "enterprise.employeenumber" -> user.employeeNumber = text;
      case "enterprise.manager" -> user.managerScimId = clear ? null : managerId(value);
      case "enterprise.manager.value" -> user.managerScimId = text;
      default -> throw new BadPatch("invalidPath", "Unsupported path " + rawPath);
    }
  }

  private static String primaryEmail(JsonNode emails) throws BadPatch {
    if (!emails.isArray()) {
      throw new BadPatch("invalidValue", "emails must be an array");
    }
    String first = null;
    for (JsonNode email : emails) {
      String value = SimJson.text(email.get("value"));
      if (email.path("primary").asBoolean(false) && value != null) {
        return value;
      }
      if (first == null) {
        first = value;
      }
    }
    return first;
  }

  private String managerId(JsonNode value) throws BadPatch {
    String id = value.isObject() ? SimJson.text(value.get("value")) : SimJson.text(value);
    if (id != null && account.user(id) == null) {
      throw new BadPatch("invalidValue", "manager " + id + " is not a user of this account");
    }
    return id;
  }

  private static void clearForReplace(SimUser user) {
    user.givenName = null;
    user.familyName = null;
    user.displayName = null;
    user.title = null;
    user.department = null;
    user.division = null;
    user.organization = null;
    user.employeeNumber = null;
    user.managerScimId = null;
    user.workEmail = null;
  }

  private static SimUser copy(SimUser u) {
    SimUser c = new SimUser(u.scimId, u.reportingId, u.userName, u.joinedOn);
    restore(c, u);
    return c;
  }

  private static void restore(SimUser to, SimUser from) {
    to.userName = from.userName;
    to.givenName = from.givenName;
    to.familyName = from.familyName;
    to.displayName = from.displayName;
    to.title = from.title;
    to.department = from.department;
    to.division = from.division;
    to.organization = from.organization;
    to.employeeNumber = from.employeeNumber;
    to.managerScimId = from.managerScimId;
    to.externalId = from.externalId;
    to.workEmail = from.workEmail;
    to.active = from.active;
    to.archivedAt = from.archivedAt;
  }

  ObjectNode userJson(SimUser user) {
    ObjectNode node = SimJson.object();
    ArrayNode schemas = node.putArray("schemas").add(USER_SCHEMA);
    node.put("id", user.scimId);
    SimJson.putIfNotNull(node, "externalId", user.externalId);
    node.put("userName", user.userName);
    if (user.givenName != null || user.familyName != null) {
      ObjectNode name = node.putObject("name");
      SimJson.putIfNotNull(name, "givenName", user.givenName);
      SimJson.putIfNotNull(name, "familyName", user.familyName);
    }
    SimJson.putIfNotNull(node, "displayName", user.displayName);
    SimJson.putIfNotNull(node, "title", user.title);
    node.put("active", user.active);
    if (user.workEmail != null) {
      node.putArray("emails")
          .addObject()
          .put("value", user.workEmail)
          .put("type", "work")
          .put("primary", true);
    }
    if (user.department != null
        || user.managerScimId != null
        || user.division != null
        || user.organization != null
        || user.employeeNumber != null) {
      schemas.add(ENTERPRISE);
      ObjectNode ext = node.putObject(ENTERPRISE);
      SimJson.putIfNotNull(ext, "employeeNumber", user.employeeNumber);
      SimJson.putIfNotNull(ext, "department", user.department);
      SimJson.putIfNotNull(ext, "division", user.division);
      SimJson.putIfNotNull(ext, "organization", user.organization);
      if (user.managerScimId != null) {
        ext.putObject("manager")
            .put("value", user.managerScimId)
            .put("$ref", location("Users", user.managerScimId));
      }
    }
    ObjectNode meta = node.putObject("meta");
    meta.put("resourceType", "User");
    meta.put("created", user.joinedOn.toString());
    meta.put("lastModified", user.lastModified.toString());
    meta.put("location", location("Users", user.scimId));
    return node;
  }

  // ---- Groups

  private SimResponse groups(SimRequest request, String id) {
    String method = request.method();
    if (id == null) {
      return switch (method) {
        case "GET" -> listGroups(request);
        case "POST" -> createGroup(request);
        default -> error(405, null, "Method not allowed on /Groups");
      };
    }
    SimGroup group = account.group(id);
    if (group == null) {
      return error(404, null, "Group " + id + " not found");
    }
    return switch (method) {
      case "GET" -> ok(200, groupJson(group));
      case "PATCH" -> patchGroup(request, group);
      case "DELETE" -> {
        account.removeGroup(group.scimId);
        yield SimResponse.empty(204);
      }
      default -> error(405, null, "Method not allowed on /Groups/{id}");
    };
  }

  private SimResponse listGroups(SimRequest request) {
    Predicate<SimGroup> match = g -> true;
    String filterText = request.param("filter");
    if (filterText != null) {
      ScimFilter filter = ScimFilter.parse(filterText);
      if (filter == null || !filter.on("displayName")) {
        return error(400, "invalidFilter", "Unsupported filter: " + filterText);
      }
      match = g -> SimAccount.key(g.displayName).equals(SimAccount.key(filter.value()));
    }
    List<JsonNode> all = new ArrayList<>();
    for (SimGroup group : account.groups()) {
      if (match.test(group)) {
        all.add(groupJson(group));
      }
    }
    return page(request, all);
  }

  private SimResponse createGroup(SimRequest request) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !hasSchema(body, GROUP_SCHEMA)) {
      return error(400, "invalidValue", "schemas must contain " + GROUP_SCHEMA);
    }
    String name = SimJson.text(body.get("displayName"));
    if (name == null || name.isBlank()) {
      return error(400, "invalidValue", "Required attribute displayName is missing");
    }
    SimGroup group = account.addGroup(name);
    if (group == null) {
      return error(409, "uniqueness", "Group " + name + " already exists");
    }
    group.externalId = SimJson.text(body.get("externalId"));
    try {
      addMembers(group, body.get("members"));
    } catch (BadPatch e) {
      account.removeGroup(group.scimId);
      return error(400, e.scimType, e.getMessage());
    }
    return ok(201, groupJson(group)).withHeader("Location", location("Groups", group.scimId));
  }

  private SimResponse patchGroup(SimRequest request, SimGroup group) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !hasSchema(body, PATCH_OP) || !body.path("Operations").isArray()) {
      return error(400, "invalidSyntax", "Expected a PatchOp with Operations");
    }
    List<String> membersBefore = new ArrayList<>(group.memberScimIds);
    String nameBefore = group.displayName;
    try {
      for (JsonNode op : body.get("Operations")) {
        String kind = String.valueOf(SimJson.text(op.get("op"))).toLowerCase(Locale.ROOT);
        String path = SimJson.text(op.get("path"));
        JsonNode value = op.get("value");
        if (path == null) {
          if (value == null || !value.isObject()) {
            throw new BadPatch("noTarget", "An operation without path needs an object value");
          }
          if (value.has("displayName")) {
            group.displayName = SimJson.text(value.get("displayName"));
          }
          if (value.has("members")) {
            if (kind.equals("replace")) {
              group.memberScimIds.clear();
            }
            addMembers(group, value.get("members"));
          }
          continue;
        }
        Matcher one = MEMBER_FILTER.matcher(path);
        if (one.matches() && kind.equals("remove")) {
          group.memberScimIds.remove(
              SimJson.MAPPER.readValue('"' + one.group(1) + '"', String.class));
        } else if (path.equalsIgnoreCase("members")) {
          switch (kind) {
            case "add" -> addMembers(group, value);
            case "replace" -> {
              group.memberScimIds.clear();
              addMembers(group, value);
            }
            case "remove" -> {
              if (value == null || value.isNull()) {
                group.memberScimIds.clear();
              } else {
                // Entra ID's form: remove with path "members" and the values to remove.
                for (JsonNode member : value) {
                  group.memberScimIds.remove(SimJson.text(member.get("value")));
                }
              }
            }
            default -> throw new BadPatch("invalidSyntax", "Unknown op " + kind);
          }
        } else if (path.equalsIgnoreCase("displayName") && !kind.equals("remove")) {
          group.displayName = SimJson.text(value);
        } else {
          throw new BadPatch("invalidPath", "Unsupported path " + path);
        }
      }
    } catch (BadPatch e) {
      group.memberScimIds.clear();
      group.memberScimIds.addAll(membersBefore);
      group.displayName = nameBefore;
      return error(400, e.scimType, e.getMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return error(400, "invalidPath", "Bad member filter");
    }
    if (behaviour.patchAnswersNoContent) {
      return SimResponse.empty(204);
    }
    return ok(200, groupJson(group));
  }

  private void addMembers(SimGroup group, JsonNode members) throws BadPatch {
    if (members == null || members.isNull()) {
      return;
    }
    if (!members.isArray()) {
      throw new BadPatch("invalidValue", "members must be an array");
    }
    for (JsonNode member : members) {
      String id = SimJson.text(member.get("value"));
      if (id == null || account.user(id) == null) {
        throw new BadPatch("invalidValue", "member " + id + " is not a user of this account");
      }
      group.memberScimIds.add(id);
    }
  }

  ObjectNode groupJson(SimGroup group) {
    ObjectNode node = SimJson.object();
    node.putArray("schemas").add(GROUP_SCHEMA);
    node.put("id", group.scimId);
    SimJson.putIfNotNull(node, "externalId", group.externalId);
    node.put("displayName", group.displayName);
    ArrayNode members = node.putArray("members");
    for (String memberId : group.memberScimIds) {
      SimUser user = account.user(memberId);
      ObjectNode member = members.addObject().put("value", memberId);
      member.put("$ref", location("Users", memberId));
      if (user != null) {
        member.put("display", user.userName);
      }
    }
    node.putObject("meta")
        .put("resourceType", "Group")
        .put("location", location("Groups", group.scimId));
    return node;
  }

  // ---- shared

  /** Index paging, capped by the server whatever {@code count} asks (RFC 7644 §3.4.2.4). */
  private SimResponse page(SimRequest request, List<JsonNode> all) {
    int startIndex = Math.max(1, intParam(request, "startIndex", 1));
    int count = intParam(request, "count", behaviour.scimPageCap);
    count = Math.max(0, Math.min(count, behaviour.scimPageCap));
    int from = Math.min(all.size(), startIndex - 1);
    int to = Math.min(all.size(), from + count);
    ObjectNode list = SimJson.object();
    list.putArray("schemas").add(LIST);
    list.put("totalResults", all.size());
    list.put("startIndex", startIndex);
    list.put("itemsPerPage", to - from);
    ArrayNode resources = list.putArray("Resources");
    all.subList(from, to).forEach(resources::add);
    return ok(200, list);
  }

  private static int intParam(SimRequest request, String name, int fallback) {
    String value = request.param(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static boolean hasSchema(JsonNode body, String schema) {
    for (JsonNode s : body.path("schemas")) {
      if (schema.equalsIgnoreCase(s.asText())) {
        return true;
      }
    }
    return false;
  }

  private String location(String collection, String id) {
    return base + "/" + collection + "/" + id;
  }

  private static SimResponse ok(int status, JsonNode body) {
    return SimResponse.json(status, CONTENT_TYPE, SimJson.write(body));
  }

  static SimResponse error(int status, String scimType, String detail) {
    ObjectNode node = SimJson.object();
    node.putArray("schemas").add(ERROR);
    node.put("status", Integer.toString(status));
    SimJson.putIfNotNull(node, "scimType", scimType);
    node.put("detail", detail);
    return SimResponse.json(status, CONTENT_TYPE, SimJson.write(node));
  }

  /** A request the SCIM surface refuses with 400; the state is rolled back. */
  private static final class BadPatch extends Exception {
    private static final long serialVersionUID = 1L;
    final String scimType;

    BadPatch(String scimType, String detail) {
      super(detail);
      this.scimType = scimType;
    }
  }
}
