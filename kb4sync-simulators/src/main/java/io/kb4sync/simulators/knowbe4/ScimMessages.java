package io.kb4sync.simulators.knowbe4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The SCIM messages {@code /Users} and {@code /Groups} share: list responses, errors and PatchOp
 * requests.
 */
final class ScimMessages {
  static final String CONTENT_TYPE = "application/scim+json";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

  private ScimMessages() {}

  /**
   * A ListResponse of one page, by index paging capped by the server whatever {@code count} asks
   * (RFC 7644 §3.4.2.4).
   */
  static SimResponse page(SimRequest request, List<JsonNode> all, int pageCap) {
    return page(request, all, pageCap, all.size());
  }

  /** A page of {@code all}, claiming {@code totalResults} (a capped listing may claim more). */
  static SimResponse page(SimRequest request, List<JsonNode> all, int pageCap, int totalResults) {
    return page(request, all, pageCap, totalResults, 0);
  }

  /**
   * A page served {@code shift} positions before the one asked for (its {@code startIndex} says the
   * one asked): what a listing that moved while it was paged looks like.
   */
  static SimResponse page(
      SimRequest request, List<JsonNode> all, int pageCap, int totalResults, int shift) {
    int asked = Math.max(1, intParam(request, "startIndex", 1));
    int startIndex = Math.max(1, asked - shift);
    int count = intParam(request, "count", pageCap);
    count = Math.max(0, Math.min(count, pageCap));
    int from = Math.min(all.size(), startIndex - 1);
    int to = Math.min(all.size(), from + count);
    ObjectNode list = SimJson.object();
    list.putArray("schemas").add(LIST);
    list.put("totalResults", totalResults);
    list.put("startIndex", asked);
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

  /** The operations of a PatchOp request, in order; null when the body is no PatchOp. */
  static List<PatchOperation> patchOperations(SimRequest request) {
    JsonNode body = SimJson.parse(request.body());
    if (body == null || !hasSchema(body, PATCH_OP) || !body.path("Operations").isArray()) {
      return null;
    }
    List<PatchOperation> operations = new ArrayList<>();
    for (JsonNode op : body.get("Operations")) {
      operations.add(
          new PatchOperation(
              SimJson.text(op.get("op")), SimJson.text(op.get("path")), op.get("value")));
    }
    return operations;
  }

  /** The 400 answer to a body that is no PatchOp. */
  static SimResponse notAPatchOp() {
    return error(400, "invalidSyntax", "Expected a PatchOp with Operations");
  }

  static boolean hasSchema(JsonNode body, String schema) {
    for (JsonNode s : body.path("schemas")) {
      if (schema.equalsIgnoreCase(s.asText())) {
        return true;
      }
    }
    return false;
  }

  static SimResponse ok(int status, JsonNode body) {
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

  static SimResponse error(BadPatch e) {
    return error(400, e.scimType, e.getMessage());
  }

  /**
   * One operation of a PatchOp, as sent.
   *
   * @param op as sent (not lower-cased), or null
   * @param path the attribute path, or null for an operation whose value carries the attributes
   */
  record PatchOperation(String op, String path, JsonNode value) {
    /** The value of an operation without path, which must be an object. */
    JsonNode attributes() throws BadPatch {
      if (value == null || !value.isObject()) {
        throw new BadPatch("noTarget", "An operation without path needs an object value");
      }
      return value;
    }
  }

  /** A request the SCIM surface refuses with 400; the state is rolled back. */
  static final class BadPatch extends Exception {
    private static final long serialVersionUID = 1L;
    final String scimType;

    BadPatch(String scimType, String detail) {
      super(detail);
      this.scimType = scimType;
    }
  }
}
