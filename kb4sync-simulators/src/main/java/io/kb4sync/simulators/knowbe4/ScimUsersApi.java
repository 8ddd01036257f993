package io.kb4sync.simulators.knowbe4;

import static io.kb4sync.simulators.knowbe4.ScimMessages.error;
import static io.kb4sync.simulators.knowbe4.ScimMessages.hasSchema;
import static io.kb4sync.simulators.knowbe4.ScimMessages.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.knowbe4.ScimMessages.BadPatch;
import io.kb4sync.simulators.knowbe4.ScimMessages.PatchOperation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** SCIM {@code /Users} of the simulated account. */
final class ScimUsersApi extends ScimEndpoint<SimUser> {
  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  ScimUsersApi(SimAccount account, KnowBe4Simulator.Behaviour behaviour, URI base) {
    super(account, behaviour, base, "User", account::user);
  }

  @Override
  SimResponse list(SimRequest request) {
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
    if (unfiltered && behaviour.refuseUnfilteredListing) {
      // An account that will not list without a filter (RFC 7644 §3.12 "tooMany").
      return error(400, "tooMany", "A filter is required to list Users");
    }
    for (SimUser user : account.users()) {
      if (unfiltered && behaviour.unlistedInScim.contains(SimAccount.key(user.userName))) {
        continue;
      }
      if (match.test(user)) {
        all.add(json(user));
      }
    }
    if (unfiltered && behaviour.listingCap > 0 && all.size() > behaviour.listingCap) {
      // A listing that stops at a cap: with the true total (pages past the cap come back empty)
      // or, worse, counting only what it returns.
      int total = all.size();
      all = new ArrayList<>(all.subList(0, behaviour.listingCap));
      return ScimMessages.page(
          request, all, behaviour.scimPageCap, behaviour.listingCapHidesTotal ? all.size() : total);
    }
    String asked = request.param("startIndex");
    if (unfiltered && asked != null && !asked.trim().equals("1") && takeShift()) {
      return ScimMessages.page(request, all, behaviour.scimPageCap, all.size(), 1);
    }
    return ScimMessages.page(request, all, behaviour.scimPageCap);
  }

  /** True (and one fewer left) while shifted pages are to be served. */
  private boolean takeShift() {
    return behaviour.shiftedListingPages.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
  }

  @Override
  SimResponse create(SimRequest request) {
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
        return ok(200, json(existing.get()));
      }
      return error(409, "uniqueness", "User with userName " + userName + " already exists");
    }
    SimUser user = account.addUser(userName, true, behaviour.uniqueUserNames);
    try {
      applyObject(user, body, "replace", true);
    } catch (BadPatch e) {
      account.removeUser(user.scimId);
      return error(e);
    }
    if (body.has("active")) {
      account.setActive(user, body.get("active").asBoolean(true));
    }
    user.lastModified = account.now();
    return ok(201, json(user)).withHeader("Location", location("Users", user.scimId));
  }

  @Override
  SimResponse put(SimRequest request, SimUser user) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !body.isObject()) {
      return error(400, "invalidSyntax", "Request body is not a JSON object");
    }
    try {
      clearForReplace(user);
      applyObject(user, body, "replace", true);
    } catch (BadPatch e) {
      return error(e);
    }
    user.lastModified = account.now();
    return ok(200, json(user));
  }

  @Override
  SimResponse patch(SimRequest request, SimUser user) {
    List<PatchOperation> operations = ScimMessages.patchOperations(request);
    if (operations == null) {
      return ScimMessages.notAPatchOp();
    }
    SimUser before = copy(user);
    try {
      for (PatchOperation op : operations) {
        if (op.op() == null) {
          throw new BadPatch("invalidSyntax", "Operation without op");
        }
        String kind = op.op().toLowerCase(Locale.ROOT);
        if (!List.of("add", "replace", "remove").contains(kind)) {
          throw new BadPatch("invalidSyntax", "Unknown op " + kind);
        }
        if (op.path() == null) {
          applyObject(user, op.attributes(), kind, false);
        } else {
          applyPath(user, op.path(), kind.equals("remove") ? null : op.value(), kind);
        }
      }
    } catch (BadPatch e) {
      restore(user, before);
      return error(e);
    }
    user.lastModified = account.now();
    if (behaviour.patchAnswersNoContent) {
      return SimResponse.empty(204);
    }
    return ok(200, json(user));
  }

  @Override
  SimResponse delete(SimUser user) {
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

  @Override
  ObjectNode json(SimUser user) {
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
}
