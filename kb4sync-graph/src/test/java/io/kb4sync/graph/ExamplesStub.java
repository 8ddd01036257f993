package io.kb4sync.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.RequestLog;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A stand-in for Microsoft that answers with Microsoft's own documented examples ({@link
 * Fixtures}), byte for byte except where noted: the users pages are chained by adding an
 * {@code @odata.nextLink} (the examples are single pages), and the OpenID configuration document
 * gets the tenant's GUID for the sample's {@code {tenant}} (see the README of the examples).
 */
final class ExamplesStub implements AutoCloseable {
  static final String TENANT = "contoso.onmicrosoft.com";

  /** The id of Microsoft's organization-get example (the tenant these examples live in). */
  static final String TENANT_ID = "84841066-274d-4ec0-a5c1-276be684bdd3";

  /** Microsoft's sample OpenID configuration document, made JSON for this tenant. */
  static String openIdConfiguration() {
    return Fixtures.read("openid-configuration-sample.txt")
        .replace("  ...\n", "")
        .replace(",\n}", "\n}")
        .replace("{tenant}", TENANT_ID);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimServer server;
  private final Deque<SimResponse> scripted = new ConcurrentLinkedDeque<>();
  private volatile List<String> userPages =
      List.of(
          Fixtures.read("user-list-ex1-get-all-users.json"),
          Fixtures.read("user-list-ex5-endswith-count.json"));

  private ExamplesStub() {
    this.server = SimServer.start(this::handle);
  }

  static ExamplesStub start() {
    return new ExamplesStub();
  }

  URI baseUri() {
    return server.baseUri();
  }

  RequestLog log() {
    return server.log();
  }

  int userPageCount() {
    return userPages.size();
  }

  /** The bodies of successive users pages. */
  ExamplesStub userPages(String... bodies) {
    this.userPages = List.of(bodies);
    return this;
  }

  /** The next Graph requests get these answers first, in order. */
  ExamplesStub thenAnswer(SimResponse... responses) {
    scripted.addAll(List.of(responses));
    return this;
  }

  GraphSettings settings() {
    return GraphSettings.withSecret(
        TENANT, "6731de76-14a6-49ae-97bc-6eba6914391e", "stub-secret", baseUri(), baseUri());
  }

  @Override
  public void close() {
    server.close();
  }

  private SimResponse handle(SimRequest request) {
    if (request.path().endsWith("/v2.0/.well-known/openid-configuration")) {
      return SimResponse.json(200, openIdConfiguration());
    }
    if (request.path().endsWith("/oauth2/v2.0/token")) {
      return SimResponse.json(200, Fixtures.read("token-client-credentials-response.json"));
    }
    SimResponse next = scripted.poll();
    if (next != null) {
      return next;
    }
    return switch (request.path()) {
      case "/v1.0/organization/" + TENANT_ID ->
          SimResponse.json(200, Fixtures.read("organization-get-response.json"));
      case "/v1.0/subscribedSkus" ->
          SimResponse.json(200, Fixtures.read("subscribedSkus-list.json"));
      case "/v1.0/users" -> usersPage(request);
      default -> SimResponse.json(404, "{}");
    };
  }

  private SimResponse usersPage(SimRequest request) {
    String token = request.param("$skiptoken");
    int index = token == null ? 0 : Integer.parseInt(token.substring("page-".length()));
    List<String> pages = userPages;
    String body = pages.get(index);
    if (index + 1 < pages.size()) {
      body = withNextLink(body, request, index + 1);
    }
    return SimResponse.json(200, body);
  }

  private String withNextLink(String body, SimRequest request, int nextIndex) {
    List<String> kept = new ArrayList<>();
    for (String pair : request.rawQuery().split("&")) {
      if (!pair.startsWith("$skiptoken=")) {
        kept.add(pair);
      }
    }
    String link =
        baseUri() + "/v1.0/users?" + String.join("&", kept) + "&$skiptoken=page-" + nextIndex;
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(body);
      node.put("@odata.nextLink", link);
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      // A deliberately malformed page: pass it on untouched.
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
        return body;
      }
      throw new UncheckedIOException(e);
    }
  }
}
