package io.kb4sync.knowbe4;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.schemas.custom.ResourceTypeFeatures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An independent SCIM 2.0 server (de.captaingoldfish scim-sdk-server, a different codebase from the
 * UnboundID model the client uses) on the JDK HttpServer: the library does filtering, paging, PATCH
 * and error bodies; we only store resources and enforce unique userName/displayName.
 */
final class ScimSdkServerPeer implements AutoCloseable {
  static final String TOKEN = "peer-token";
  static final int PAGE_CAP = 50;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final ResourceEndpoint endpoint;
  private final AtomicInteger listRequests = new AtomicInteger();

  ScimSdkServerPeer() throws IOException {
    ServiceProvider provider =
        ServiceProvider.builder()
            .filterConfig(FilterConfig.builder().supported(true).maxResults(PAGE_CAP).build())
            .patchConfig(PatchConfig.builder().supported(true).build())
            .build();
    endpoint = new ResourceEndpoint(provider);
    ResourceType users =
        endpoint.registerEndpoint(
            new UserEndpointDefinition(new UserStore(u -> u.getUserName().orElse(null))));
    users.setFeatures(ResourceTypeFeatures.builder().autoFiltering(true).autoSorting(true).build());
    ResourceType groups =
        endpoint.registerEndpoint(
            new GroupEndpointDefinition(new GroupStore(g -> g.getDisplayName().orElse(null))));
    groups.setFeatures(
        ResourceTypeFeatures.builder().autoFiltering(true).autoSorting(true).build());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/scim/v2", this::exchange);
    server.start();
  }

  URI scimUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2");
  }

  /** GET requests to a collection (listings and filters). */
  int listRequests() {
    return listRequests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
      int status;
      String answer;
      Map<String, String> answerHeaders = new LinkedHashMap<>();
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = 401;
        answer =
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"401\","
                + "\"detail\":\"not authenticated\"}";
      } else {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET")
            && (path.endsWith("/Users") || path.endsWith("/Groups"))) {
          listRequests.incrementAndGet();
        }
        String url = scimUrl().resolve(exchange.getRequestURI().toString()).toString();
        ScimResponse response =
            endpoint.handleRequest(
                url,
                HttpMethod.valueOf(exchange.getRequestMethod()),
                body.isEmpty() ? null : body,
                headers,
                new Context(null));
        status = response.getHttpStatus();
        answer = response.toString();
        answerHeaders.putAll(response.getHttpHeaders());
      }
      answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** An in-memory store; the library filters, sorts and slices what it returns. */
  private abstract static class Store<T extends ResourceNode> extends ResourceHandler<T> {
    private final Map<String, T> byId = new LinkedHashMap<>();
    private final Function<T, String> uniqueName;

    Store(Function<T, String> uniqueName) {
      this.uniqueName = uniqueName;
    }

    @Override
    public synchronized T createResource(T resource, Context context) {
      checkUnique(resource, null);
      String id = UUID.randomUUID().toString();
      resource.setId(id);
      byId.put(id, resource);
      return resource;
    }

    @Override
    public synchronized T getResource(
        String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excluded, Context c) {
      return byId.get(id);
    }

    @Override
    public synchronized PartialListResponse<T> listResources(
        long startIndex,
        int count,
        FilterNode filter,
        SchemaAttribute sortBy,
        SortOrder sortOrder,
        List<SchemaAttribute> attributes,
        List<SchemaAttribute> excluded,
        Context context) {
      List<T> all = new ArrayList<>(byId.values());
      return PartialListResponse.<T>builder().resources(all).totalResults(all.size()).build();
    }

    @Override
    public synchronized T updateResource(T resource, Context context) {
      String id = resource.getId().orElseThrow();
      if (!byId.containsKey(id)) {
        throw new ResourceNotFoundException("no resource " + id, null, null);
      }
      checkUnique(resource, id);
      byId.put(id, resource);
      return resource;
    }

    @Override
    public synchronized void deleteResource(String id, Context context) {
      if (byId.remove(id) == null) {
        throw new ResourceNotFoundException("no resource " + id, null, null);
      }
    }

    private void checkUnique(T resource, String ownId) {
      String name = uniqueName.apply(resource);
      if (name == null) {
        return;
      }
      for (Map.Entry<String, T> entry : byId.entrySet()) {
        String other = uniqueName.apply(entry.getValue());
        if (!entry.getKey().equals(ownId)
            && other != null
            && other.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          throw new ConflictException(name + " exists already");
        }
      }
    }
  }

  private static final class UserStore extends Store<User> {
    UserStore(Function<User, String> uniqueName) {
      super(uniqueName);
    }
  }

  private static final class GroupStore extends Store<Group> {
    GroupStore(Function<Group, String> uniqueName) {
      super(uniqueName);
    }
  }
}
