package io.kb4sync.simulators.knowbe4;

import static io.kb4sync.simulators.knowbe4.ScimMessages.error;
import static io.kb4sync.simulators.knowbe4.ScimMessages.hasSchema;
import static io.kb4sync.simulators.knowbe4.ScimMessages.ok;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SCIM {@code /Groups} of the simulated account (no PUT). */
final class ScimGroupsApi extends ScimEndpoint<SimGroup> {
  static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private static final Pattern MEMBER_FILTER =
      Pattern.compile("^members\\[\\s*value\\s+(?i:eq)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\]$");

  ScimGroupsApi(SimAccount account, KnowBe4Simulator.Behaviour behaviour, URI base) {
    super(account, behaviour, base, "Group", account::group);
  }

  @Override
  SimResponse delete(SimGroup group) {
    account.removeGroup(group.scimId);
    return SimResponse.empty(204);
  }

  @Override
  SimResponse list(SimRequest request) {
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
        all.add(json(group));
      }
    }
    return ScimMessages.page(request, all, behaviour.scimPageCap);
  }

  @Override
  SimResponse create(SimRequest request) {
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
      return error(e);
    }
    return ok(201, json(group)).withHeader("Location", location("Groups", group.scimId));
  }

  @Override
  SimResponse patch(SimRequest request, SimGroup group) {
    List<PatchOperation> operations = ScimMessages.patchOperations(request);
    if (operations == null) {
      return ScimMessages.notAPatchOp();
    }
    List<String> membersBefore = new ArrayList<>(group.memberScimIds);
    String nameBefore = group.displayName;
    try {
      for (PatchOperation op : operations) {
        String kind = String.valueOf(op.op()).toLowerCase(Locale.ROOT);
        String path = op.path();
        JsonNode value = op.value();
        if (path == null) {
          JsonNode attributes = op.attributes();
          if (attributes.has("displayName")) {
            group.displayName = SimJson.text(attributes.get("displayName"));
          }
          if (attributes.has("members")) {
            if (kind.equals("replace")) {
              group.memberScimIds.clear();
            }
            addMembers(group, attributes.get("members"));
          }
          continue;
        }
        Matcher one = MEMBER_FILTER.matcher(path);
        if (one.matches() && behaviour.memberRemoval.refusesFilter()) {
          throw new BadPatch("invalidPath", "Filters in PATCH paths are not supported: " + path);
        }
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
              if (value == null || value.isNull() || behaviour.memberRemoval.valueFormEmpties()) {
                // RFC 7644 §3.5.2.2: no filter, so "the attribute and all values are removed".
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
      return error(e);
    } catch (JsonProcessingException e) {
      return error(400, "invalidPath", "Bad member filter");
    }
    if (behaviour.patchAnswersNoContent) {
      return SimResponse.empty(204);
    }
    return ok(200, json(group));
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

  @Override
  ObjectNode json(SimGroup group) {
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
}
