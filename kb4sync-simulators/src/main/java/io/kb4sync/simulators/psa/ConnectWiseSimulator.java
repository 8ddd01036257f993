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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ConnectWise Manage (PSA) REST API 3.0, the parts kb4sync uses: {@code system/info}, ticket
 * create, read and search ({@code conditions=externalXRef="..." and closedFlag=false}), and ticket
 * notes. Every request must carry {@code Authorization: Basic base64(companyId+publicKey:
 * privateKey)}, the {@code clientId} header and the versioned {@code Accept} ({@code
 * application/vnd.connectwise.com+json; version=...}); else 401 (or 400 for the Accept). Summaries
 * over 100 characters are refused (400), as the real API does.
 */
public final class ConnectWiseSimulator implements AutoCloseable {
  public static final String API_PATH = "/v4_6_release/apis/3.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TICKET = Pattern.compile("/service/tickets/(\\d+)");
  private static final Pattern NOTES = Pattern.compile("/service/tickets/(\\d+)/notes");
  private static final Pattern CONDITION =
      Pattern.compile("\\s*([A-Za-z/]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s]+)\\s*");

  /** The API member's keys and the integration's client id. */
  public record Credentials(
      String companyId, String publicKey, String privateKey, String clientId) {}

  /** A ticket as the simulator holds it. */
  public record Ticket(
      long id,
      long companyId,
      String summary,
      String externalXRef,
      String initialDescription,
      Integer boardId,
      boolean closed,
      List<String> notes) {}

  private final Credentials credentials;
  private final Map<Long, ObjectNode> tickets = new LinkedHashMap<>();
  private final Map<Long, List<String>> notes = new LinkedHashMap<>();
  private final SimServer server;
  private long nextId = 1000;

  private ConnectWiseSimulator(Credentials credentials) {
    this.credentials = credentials;
    this.server = SimServer.start(this::handle);
  }

  public static ConnectWiseSimulator start(Credentials credentials) {
    return new ConnectWiseSimulator(credentials);
  }

  /** Company {@code msp}, keys {@code sim-public}/{@code sim-private}, a fixed client id. */
  public static ConnectWiseSimulator start() {
    return start(
        new Credentials(
            "msp", "sim-public", "sim-private", "5d2f5a41-1c0e-4a8a-9a54-000000000cw1"));
  }

  /** The API base for configuration ({@code .../v4_6_release/apis/3.0}, no trailing slash). */
  public String apiUrl() {
    return server.baseUri() + API_PATH;
  }

  public Credentials credentials() {
    return credentials;
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
        t.path("company").path("id").asLong(),
        t.path("summary").asText(null),
        t.path("externalXRef").asText(null),
        t.path("initialDescription").asText(null),
        t.path("board").has("id") ? t.path("board").path("id").asInt() : null,
        t.path("closedFlag").asBoolean(false),
        List.copyOf(notes.getOrDefault(id, List.of())));
  }

  /** Closes a ticket, as a technician would. */
  public synchronized void close(long id) {
    ObjectNode t = tickets.get(id);
    if (t != null) {
      t.put("closedFlag", true);
      t.putObject("status").put("id", 99).put("name", "Closed (resolved)");
    }
  }

  /** Removes a ticket, as if it were deleted in the PSA. */
  public synchronized void delete(long id) {
    tickets.remove(id);
    notes.remove(id);
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

  private final List<ObjectNode> companies = new ArrayList<>();

  /**
   * A company of {@code company/companies}: {@code id}, {@code identifier}, {@code name}, {@code
   * status: {name}}, {@code deletedFlag} false, and {@code website} (null for none; the field's
   * name and its free-text content, a URL or a bare host, are as third parties show them).
   */
  public synchronized ConnectWiseSimulator company(
      long id, String name, String statusName, String website) {
    ObjectNode company = JSON.createObjectNode();
    company.put("id", id);
    company.put("identifier", name.replaceAll("[^A-Za-z0-9]", ""));
    company.put("name", name);
    company
        .putObject("status")
        .put("id", statusName.equals("Active") ? 1 : 2)
        .put("name", statusName);
    company.put("deletedFlag", false);
    if (website == null) {
      company.putNull("website");
    } else {
      company.put("website", website);
    }
    companies.add(company);
    return this;
  }

  /** {@code GET company/companies?page=&pageSize=} (1-based pages, at most 1000 a page). */
  private SimResponse companies(SimRequest request) {
    int page = request.param("page") == null ? 1 : Integer.parseInt(request.param("page"));
    int size = request.param("pageSize") == null ? 25 : Integer.parseInt(request.param("pageSize"));
    if (page < 1 || size < 1 || size > 1000) {
      return error(400, "InvalidObject", "page and pageSize out of range");
    }
    ArrayNode list = JSON.createArrayNode();
    int from = (page - 1) * size;
    for (int i = from; i < Math.min(companies.size(), from + size); i++) {
      list.add(companies.get(i));
    }
    return SimResponse.json(200, list.toString());
  }

  private synchronized SimResponse handle(SimRequest request) {
    if (!request.path().startsWith(API_PATH + "/")) {
      return error(404, "NotFound", "no such API");
    }
    SimResponse denied = authenticate(request);
    if (denied != null) {
      return denied;
    }
    String path = request.path().substring(API_PATH.length());
    String method = request.method();
    Matcher notesPath = NOTES.matcher(path);
    Matcher ticketPath = TICKET.matcher(path);
    if (method.equals("GET") && path.equals("/system/info")) {
      return SimResponse.json(200, "{\"version\":\"v2025.1.simulated\",\"isCloud\":true}");
    } else if (method.equals("POST") && path.equals("/service/tickets")) {
      return create(request.body());
    } else if (method.equals("GET") && path.equals("/company/companies")) {
      return companies(request);
    } else if (method.equals("GET") && path.equals("/service/tickets")) {
      return search(request.param("conditions"));
    } else if (method.equals("GET") && ticketPath.matches()) {
      ObjectNode t = tickets.get(Long.parseLong(ticketPath.group(1)));
      return t == null
          ? error(404, "NotFound", "Ticket with id " + ticketPath.group(1) + " not found")
          : SimResponse.json(200, t.toString());
    } else if (method.equals("POST") && notesPath.matches()) {
      return note(Long.parseLong(notesPath.group(1)), request.body());
    }
    return error(404, "NotFound", "no route for " + method + " " + path);
  }

  private SimResponse authenticate(SimRequest request) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (credentials.companyId()
                            + "+"
                            + credentials.publicKey()
                            + ":"
                            + credentials.privateKey())
                        .getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(request.header("Authorization"))) {
      return error(401, "Unauthorized", "the API keys were not accepted");
    }
    if (!credentials.clientId().equals(request.header("clientId"))) {
      return error(401, "Unauthorized", "clientId header missing or not registered");
    }
    String accept = request.header("Accept");
    if (accept == null
        || !accept.toLowerCase(Locale.ROOT).startsWith("application/vnd.connectwise.com+json")
        || !accept.contains("version=")) {
      return error(400, "InvalidAccept", "Accept must name a version");
    }
    return null;
  }

  private SimResponse create(String body) {
    JsonNode json = parse(body);
    if (json == null || !json.isObject()) {
      return error(400, "InvalidObject", "the body is not a ticket");
    }
    String summary = json.path("summary").asText("");
    if (summary.isBlank() || summary.length() > 100) {
      return error(400, "InvalidObject", "summary is required and at most 100 characters");
    }
    if (!json.path("company").path("id").canConvertToLong()
        || json.path("company").path("id").asLong() <= 0) {
      return error(400, "InvalidObject", "company is required");
    }
    if (json.path("externalXRef").asText("").length() > 100) {
      return error(400, "InvalidObject", "externalXRef is at most 100 characters");
    }
    long id = nextId++;
    ObjectNode ticket = ((ObjectNode) json).deepCopy();
    ticket.put("id", id);
    ticket.put("closedFlag", false);
    if (!ticket.has("status")) {
      ticket.putObject("status").put("id", 1).put("name", "New");
    }
    tickets.put(id, ticket);
    return SimResponse.json(201, ticket.toString());
  }

  private SimResponse search(String conditions) {
    List<String[]> clauses = new ArrayList<>();
    if (conditions != null && !conditions.isBlank()) {
      for (String clause : conditions.split("(?i)\\s+and\\s+")) {
        Matcher m = CONDITION.matcher(clause);
        if (!m.matches()) {
          return error(400, "InvalidConditions", "cannot parse condition: " + clause);
        }
        String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"") : m.group(2);
        clauses.add(new String[] {m.group(1), value});
      }
    }
    ArrayNode result = JSON.createArrayNode();
    for (ObjectNode ticket : tickets.values()) {
      boolean all = true;
      for (String[] clause : clauses) {
        String actual;
        switch (clause[0]) {
          case "externalXRef":
            actual = ticket.path("externalXRef").asText("");
            break;
          case "closedFlag":
            actual = Boolean.toString(ticket.path("closedFlag").asBoolean(false));
            break;
          case "company/id":
            actual = ticket.path("company").path("id").asText("");
            break;
          case "summary":
            actual = ticket.path("summary").asText("");
            break;
          default:
            return error(400, "InvalidConditions", "unknown field " + clause[0]);
        }
        all &= actual.equals(clause[1]);
      }
      if (all) {
        result.add(ticket);
      }
    }
    return SimResponse.json(200, result.toString());
  }

  private SimResponse note(long ticketId, String body) {
    if (!tickets.containsKey(ticketId)) {
      return error(404, "NotFound", "Ticket with id " + ticketId + " not found");
    }
    JsonNode json = parse(body);
    if (json == null || json.path("text").asText("").isBlank()) {
      return error(400, "InvalidObject", "text is required");
    }
    List<String> list = notes.computeIfAbsent(ticketId, k -> new ArrayList<>());
    list.add(json.path("text").asText());
    ObjectNode note = JSON.createObjectNode();
    note.put("id", ticketId * 100 + list.size());
    note.put("ticketId", ticketId);
    note.put("text", json.path("text").asText());
    return SimResponse.json(201, note.toString());
  }

  private static SimResponse error(int status, String code, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("code", code);
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
