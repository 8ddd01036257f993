package io.kb4sync.simulators.knowbe4;

import static io.kb4sync.simulators.knowbe4.ScimMessages.error;
import static io.kb4sync.simulators.knowbe4.ScimMessages.ok;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import java.net.URI;
import java.util.function.Function;

/**
 * One SCIM resource endpoint of the simulated account ({@code /Users}, {@code /Groups}): the
 * routing of methods; each resource type supplies the rest. The caller holds the account's lock.
 *
 * @param <T> the resource
 */
abstract class ScimEndpoint<T> {
  final SimAccount account;
  final KnowBe4Simulator.Behaviour behaviour;
  private final URI base;
  private final String resourceType;
  private final Function<String, T> find;

  /**
   * @param resourceType {@code User} or {@code Group}; its endpoint is the plural
   * @param find the resource with an id, or null
   */
  ScimEndpoint(
      SimAccount account,
      KnowBe4Simulator.Behaviour behaviour,
      URI base,
      String resourceType,
      Function<String, T> find) {
    this.account = account;
    this.behaviour = behaviour;
    this.base = base;
    this.resourceType = resourceType;
    this.find = find;
  }

  /** Handles the endpoint ({@code id} null) or one of its resources. */
  final SimResponse handle(SimRequest request, String id) {
    String method = request.method();
    if (id == null) {
      return switch (method) {
        case "GET" -> list(request);
        case "POST" -> create(request);
        default -> error(405, null, "Method not allowed on /" + resourceType + "s");
      };
    }
    T resource = find.apply(id);
    if (resource == null) {
      return error(404, null, resourceType + " " + id + " not found");
    }
    return switch (method) {
      case "GET" -> ok(200, json(resource));
      case "PATCH" -> patch(request, resource);
      case "PUT" -> put(request, resource);
      case "DELETE" -> delete(resource);
      default -> notAllowedOnResource();
    };
  }

  abstract SimResponse list(SimRequest request);

  abstract SimResponse create(SimRequest request);

  abstract ObjectNode json(T resource);

  abstract SimResponse patch(SimRequest request, T resource);

  /** Replaces the resource; refused unless the resource type allows it. */
  SimResponse put(SimRequest request, T resource) {
    return notAllowedOnResource();
  }

  abstract SimResponse delete(T resource);

  /** Where a resource of this account lives, e.g. {@code .../scim/v2/Users/{id}}. */
  final String location(String endpoint, String id) {
    return base + "/" + endpoint + "/" + id;
  }

  private SimResponse notAllowedOnResource() {
    return error(405, null, "Method not allowed on /" + resourceType + "s/{id}");
  }
}
