package io.kb4sync.simulators.psa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.RequestLog;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HaloPSA, the parts kb4sync uses:
 *
 * <ul>
 *   <li>{@code POST {authUrl}/token} (optionally {@code ?tenant=}), form body {@code
 *       grant_type=client_credentials&client_id&client_secret&scope=all}, answering {@code
 *       access_token}, {@code token_type}, {@code expires_in};
 *   <li>under {@code {apiUrl}}, with {@code Authorization: Bearer} only: {@code POST /tickets} with
 *       a JSON <em>array</em> body (an object is refused with 400; an element with an {@code id}
 *       updates that ticket instead of creating one), {@code GET /tickets/{id}}, {@code GET
 *       /tickets?client_id=&search=&open_only=true} answering {@code {"record_count": n, "tickets":
 *       [...]}}, and {@code POST /actions} (array body) for notes.
 * </ul>
 *
 * Status {@value #CLOSED} is "Closed".
 */
public final class HaloSimulator implements AutoCloseable {
  public static final int CLOSED = 9;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong STARTED = new AtomicLong();
  private static final Pattern TICKET = Pattern.compile("/api/tickets/(\\d+)");

  /** The API application's client credentials, and the tenant for multi-tenant hosting. */
  public record Credentials(String clientId, String clientSecret, String tenant) {}

  /** A ticket as the simulator holds it. */
  public record Ticket(
      long id,
      long clientId,
      String summary,
      String details,
      int ticketTypeId,
      int statusId,
      List<String> notes) {}

  private final Credentials credentials;
  private String accessToken;
  private final Map<Long, ObjectNode> tickets = new LinkedHashMap<>();
  private final Map<Long, List<String>> notes = new LinkedHashMap<>();
  private final SimServer server;
  private long nextId = 300;
  private int tokensIssued;

  private HaloSimulator(Credentials credentials) {
    this.credentials = credentials;
    this.accessToken = "sim-halo-token-" + STARTED.incrementAndGet();
    this.server =
        SimServer.start(
            this::handle,
            SimServer.FaultBodies.plainJson(),
            request -> !request.path().equals("/auth/token"));
  }

  public static HaloSimulator start(Credentials credentials) {
    return new HaloSimulator(credentials);
  }

  /** Client {@code sim-halo-client}, secret {@code sim-halo-secret}, no tenant. */
  public static HaloSimulator start() {
    return start(new Credentials("sim-halo-client", "sim-halo-secret", null));
  }

  /** For {@code auth_url}: the client appends {@code /token}. */
  public String authUrl() {
    return server.baseUri() + "/auth";
  }

  /** For {@code api_url}: the client appends {@code /tickets}, {@code /actions}. */
  public String apiUrl() {
    return server.baseUri() + "/api";
  }

  public synchronized String accessToken() {
    return accessToken;
  }

  /**
   * Revokes the token handed out so far (as an expiry would): the next token call gets a new one.
   */
  public synchronized void revokeTokens() {
    accessToken = "sim-halo-token-" + STARTED.incrementAndGet();
  }

  public synchronized int tokensIssued() {
    return tokensIssued;
  }

  public synchronized List<Ticket> tickets() {
    List<Ticket> list = new ArrayList<>();
    tickets.keySet().forEach(id -> list.add(ticket(id)));
    return list;
  }

  public synchronized Ticket ticket(long id) {
    ObjectNode t = tickets.get(id);
    if (t == null) {
      return null;
    }
    return new Ticket(
        id,
        t.path("client_id").asLong(),
        t.path("summary").asText(null),
        t.path("details").asText(null),
        t.path("tickettype_id").asInt(),
        t.path("status_id").asInt(),
        List.copyOf(notes.getOrDefault(id, List.of())));
  }

  /** Closes a ticket, as a technician would. */
  public synchronized void close(long id) {
    ObjectNode t = tickets.get(id);
    if (t != null) {
      t.put("status_id", CLOSED);
    }
  }

  public RequestLog log() {
    return server.log();
  }

  public void faults(Faults faults) {
    server.faults(faults);
  }

  @Override
  public void close() {
    server.close();
  }

  private final List<ObjectNode> clients = new ArrayList<>();

  /**
   * A client of {@code /api/Client}: {@code id}, {@code name}, {@code inactive}, and {@code
   * website} when {@code website} is not null. HaloPSA documents no domain field in our sources: a
   * null website leaves the key out, the other variant the simulator offers.
   */
  public synchronized HaloSimulator client(long id, String name, boolean inactive, String website) {
    ObjectNode client = JSON.createObjectNode();
    client.put("id", id);
    client.put("name", name);
    client.put("inactive", inactive);
    if (website != null) {
      client.put("website", website);
    }
    clients.add(client);
    return this;
  }

  /** {@code GET /api/Client?paginate=true&page_size=&page_no=} (1-based). */
  private SimResponse clientList(SimRequest request) {
    boolean paginate = "true".equalsIgnoreCase(request.param("paginate"));
    int size =
        paginate && request.param("page_size") != null
            ? Integer.parseInt(request.param("page_size"))
            : Integer.MAX_VALUE;
    int page =
        paginate && request.param("page_no") != null
            ? Integer.parseInt(request.param("page_no"))
            : 1;
    boolean inactiveToo = "true".equalsIgnoreCase(request.param("includeinactive"));
    List<ObjectNode> listed = new ArrayList<>();
    for (ObjectNode client : clients) {
      if (inactiveToo || !client.path("inactive").asBoolean()) {
        listed.add(client);
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("record_count", listed.size());
    ArrayNode items = answer.putArray("clients");
    long from = (long) (page - 1) * size;
    for (long i = from; i < Math.min(listed.size(), from + size); i++) {
      items.add(listed.get((int) i));
    }
    return SimResponse.json(200, answer.toString());
  }

  private synchronized SimResponse handle(SimRequest request) {
    String path = request.path();
    String method = request.method();
    if (path.equals("/auth/token") && method.equals("POST")) {
      return token(request);
    }
    if (!path.startsWith("/api/")) {
      return error(404, "no such API");
    }
    if (!("Bearer " + accessToken).equals(request.header("Authorization"))) {
      return error(401, "The access token is missing or invalid");
    }
    Matcher ticketPath = TICKET.matcher(path);
    if (method.equals("GET") && path.equalsIgnoreCase("/api/Client")) {
      return clientList(request);
    } else if (method.equals("POST") && path.equals("/api/tickets")) {
      return postTickets(request.body());
    } else if (method.equals("GET") && path.equals("/api/tickets")) {
      return search(request);
    } else if (method.equals("GET") && ticketPath.matches()) {
      ObjectNode t = tickets.get(Long.parseLong(ticketPath.group(1)));
      return t == null ? error(404, "Ticket not found") : SimResponse.json(200, t.toString());
    } else if (method.equals("POST") && path.equals("/api/actions")) {
      return actions(request.body());
    } else if (method.equals("GET") && path.equals("/api/Status")) {
      // Statuses and outcomes are per instance; these are a standard instance's.
      return SimResponse.json(
          200,
          "[{\"id\":1,\"name\":\"New\",\"type\":1},{\"id\":2,\"name\":\"In Progress\","
              + "\"type\":1},{\"id\":8,\"name\":\"Resolved\",\"type\":1},{\"id\":"
              + CLOSED
              + ",\"name\":\"Closed\",\"type\":1}]");
    } else if (method.equals("GET") && path.equals("/api/Outcome")) {
      return SimResponse.json(
          200,
          "[{\"id\":1,\"outcome\":\"Note\"},{\"id\":2,\"outcome\":\"Private Note\"},"
              + "{\"id\":3,\"outcome\":\"Email User\"}]");
    }
    return error(404, "no route for " + method + " " + path);
  }

  private SimResponse token(SimRequest request) {
    if (credentials.tenant() != null && !credentials.tenant().equals(request.param("tenant"))) {
      return SimResponse.json(
          400, "{\"error\":\"invalid_request\",\"error_description\":\"tenant\"}");
    }
    Map<String, List<String>> form = SimServer.parseQuery(request.body());
    String contentType = String.valueOf(request.header("Content-Type"));
    if (!contentType.startsWith("application/x-www-form-urlencoded")) {
      return SimResponse.json(400, "{\"error\":\"invalid_request\"}");
    }
    if (!"client_credentials".equals(first(form, "grant_type"))) {
      return SimResponse.json(400, "{\"error\":\"unsupported_grant_type\"}");
    }
    if (!credentials.clientId().equals(first(form, "client_id"))
        || !credentials.clientSecret().equals(first(form, "client_secret"))) {
      return SimResponse.json(401, "{\"error\":\"invalid_client\"}");
    }
    if (!"all".equals(first(form, "scope"))) {
      return SimResponse.json(400, "{\"error\":\"invalid_scope\"}");
    }
    tokensIssued++;
    return SimResponse.json(
        200,
        "{\"token_type\":\"Bearer\",\"access_token\":\""
            + accessToken
            + "\",\"expires_in\":3600,\"scope\":\"all\"}");
  }

  private SimResponse postTickets(String body) {
    JsonNode json = parse(body);
    if (json == null || !json.isArray()) {
      return error(400, "The request body must be a JSON array");
    }
    ArrayNode answer = JSON.createArrayNode();
    for (JsonNode element : json) {
      if (!element.isObject()) {
        return error(400, "Each element must be an object");
      }
      long id = element.path("id").asLong(0);
      if (id > 0) {
        ObjectNode existing = tickets.get(id);
        if (existing == null) {
          return error(404, "Ticket " + id + " not found");
        }
        existing.setAll((ObjectNode) element);
        answer.add(existing);
        continue;
      }
      if (element.path("summary").asText("").isBlank()) {
        return error(400, "summary is required");
      }
      ObjectNode ticket = ((ObjectNode) element).deepCopy();
      ticket.put("id", nextId++);
      if (!ticket.has("status_id")) {
        ticket.put("status_id", 1);
      }
      tickets.put(ticket.get("id").asLong(), ticket);
      answer.add(ticket);
    }
    // Halo answers a single object for a single element.
    return SimResponse.json(201, (answer.size() == 1 ? answer.get(0) : answer).toString());
  }

  private SimResponse search(SimRequest request) {
    String clientId = request.param("client_id");
    String search = request.param("search");
    boolean openOnly = "true".equalsIgnoreCase(request.param("open_only"));
    ArrayNode list = JSON.createArrayNode();
    for (ObjectNode ticket : tickets.values()) {
      if (clientId != null && !clientId.equals(ticket.path("client_id").asText())) {
        continue;
      }
      if (search != null
          && !ticket
              .path("summary")
              .asText("")
              .toLowerCase(Locale.ROOT)
              .contains(search.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (openOnly && ticket.path("status_id").asInt() == CLOSED) {
        continue;
      }
      list.add(ticket);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("record_count", list.size());
    answer.set("tickets", list);
    return SimResponse.json(200, answer.toString());
  }

  private SimResponse actions(String body) {
    JsonNode json = parse(body);
    if (json == null || !json.isArray()) {
      return error(400, "The request body must be a JSON array");
    }
    ArrayNode answer = JSON.createArrayNode();
    for (JsonNode element : json) {
      long ticketId = element.path("ticket_id").asLong(0);
      if (!tickets.containsKey(ticketId)) {
        return error(404, "Ticket " + ticketId + " not found");
      }
      String note = element.path("note").asText("");
      if (note.isBlank()) {
        return error(400, "note is required");
      }
      List<String> list = notes.computeIfAbsent(ticketId, k -> new ArrayList<>());
      list.add(note);
      ObjectNode action = ((ObjectNode) element).deepCopy();
      action.put("id", list.size());
      answer.add(action);
    }
    return SimResponse.json(201, (answer.size() == 1 ? answer.get(0) : answer).toString());
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static SimResponse error(int status, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("message", message);
    return SimResponse.json(status, node.toString());
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
