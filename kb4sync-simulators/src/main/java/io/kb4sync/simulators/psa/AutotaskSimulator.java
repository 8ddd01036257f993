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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datto/Kaseya Autotask REST, the parts kb4sync uses, on one loopback server:
 *
 * <ul>
 *   <li>zone discovery {@code GET {discoveryUrl}/v1.0/ZoneInformation} (user from the {@code
 *       UserName} header or {@code ?user=}), answering the zone URL {@code {base}/zone7/...};
 *   <li>under the zone: {@code POST /v1.0/Tickets} (companyID, title ≤ 255, status, priority and
 *       queueID required) answering {@code {"itemId": n}}; {@code GET /v1.0/Tickets/{id}} answering
 *       {@code {"item": {...}}} ({@code "item": null} when missing); {@code POST
 *       /v1.0/Tickets/query} with {@code {"filter":[...]}} (ops eq, noteq, beginsWith, contains)
 *       answering {@code {"items": [...], "pageDetails": {...}}}; notes by {@code POST
 *       /v1.0/Tickets/{id}/Notes} or {@code POST /v1.0/TicketNotes}.
 * </ul>
 *
 * Zone calls need all three headers {@code ApiIntegrationCode}, {@code UserName}, {@code Secret}
 * (else 401). Status {@value #COMPLETE} is "Complete".
 */
public final class AutotaskSimulator implements AutoCloseable {
  public static final int COMPLETE = 5;
  public static final String DISCOVERY_PATH = "/atservicesrest";
  public static final String ZONE_PATH = "/zone7/atservicesrest";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TICKET = Pattern.compile("/v1\\.0/Tickets/(\\d+)");
  private static final Pattern NOTES = Pattern.compile("/v1\\.0/Tickets/(\\d+)/Notes");

  /** The API user and its integration code (tracking identifier). */
  public record Credentials(String username, String secret, String integrationCode) {}

  /** A ticket as the simulator holds it. */
  public record Ticket(
      long id,
      long companyId,
      String title,
      String description,
      int status,
      int priority,
      int queueId,
      List<String> notes) {}

  private final Credentials credentials;
  private final Map<Long, ObjectNode> tickets = new LinkedHashMap<>();
  private final Map<Long, List<String>> notes = new LinkedHashMap<>();
  private final SimServer server;
  private long nextId = 7000;
  private int newStatus = 1;
  private int completeStatus = COMPLETE;
  private int defaultPriority = 2;

  private AutotaskSimulator(Credentials credentials) {
    this.credentials = credentials;
    this.server = SimServer.start(this::handle);
  }

  public static AutotaskSimulator start(Credentials credentials) {
    return new AutotaskSimulator(credentials);
  }

  /** User {@code api@msp.example}, secret {@code sim-secret}, code {@code SIMTRACKINGCODE}. */
  public static AutotaskSimulator start() {
    return start(new Credentials("api@msp.example", "sim-secret", "SIMTRACKINGCODE"));
  }

  /** Where zone discovery starts; the client appends {@code /v1.0/ZoneInformation}. */
  public String discoveryUrl() {
    return server.baseUri() + DISCOVERY_PATH;
  }

  /** The zone URL discovery answers; the client appends {@code /v1.0/...}. */
  public String zoneUrl() {
    return server.baseUri() + ZONE_PATH;
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
        t.path("companyID").asLong(),
        t.path("title").asText(null),
        t.path("description").asText(null),
        t.path("status").asInt(),
        t.path("priority").asInt(),
        t.path("queueID").asInt(),
        List.copyOf(notes.getOrDefault(id, List.of())));
  }

  /** Sets a ticket to Complete, as a technician would. */
  public synchronized void complete(long id) {
    ObjectNode t = tickets.get(id);
    if (t != null) {
      t.put("status", completeStatus);
    }
  }

  /**
   * The instance's Tickets picklists, served by {@code GET /v1.0/Tickets/entityInformation/fields}
   * in the shape Autotask documents (value as a string, label, isActive, isDefaultValue:
   * https://ww1.autotask.net/help/DeveloperHelp/Content/APIs/General/Picklists.htm). Ids are per
   * instance; the defaults are New 1, Complete 5, priority Medium 2 (default).
   */
  public synchronized AutotaskSimulator picklists(
      int newStatus, int completeStatus, int defaultPriority) {
    this.newStatus = newStatus;
    this.completeStatus = completeStatus;
    this.defaultPriority = defaultPriority;
    return this;
  }

  private synchronized String fields() {
    ObjectNode answer = JSON.createObjectNode();
    com.fasterxml.jackson.databind.node.ArrayNode fields = answer.putArray("fields");
    ObjectNode status = fields.addObject();
    status.put("name", "status").put("dataType", "integer").put("isPickList", true);
    com.fasterxml.jackson.databind.node.ArrayNode sv = status.putArray("picklistValues");
    pick(sv, newStatus, "New", true);
    pick(sv, newStatus + 100, "In Progress", false);
    pick(sv, completeStatus, "Complete", false);
    pick(sv, newStatus + 200, "Waiting Customer", false);
    ObjectNode priority = fields.addObject();
    priority.put("name", "priority").put("dataType", "integer").put("isPickList", true);
    com.fasterxml.jackson.databind.node.ArrayNode pv = priority.putArray("picklistValues");
    pick(pv, defaultPriority + 10, "High", false);
    pick(pv, defaultPriority, "Medium", true);
    pick(pv, defaultPriority + 20, "Low", false);
    ObjectNode title = fields.addObject();
    title.put("name", "title").put("dataType", "string").put("isPickList", false);
    return answer.toString();
  }

  private static void pick(
      com.fasterxml.jackson.databind.node.ArrayNode list, int value, String label, boolean def) {
    list.addObject()
        .put("value", String.valueOf(value))
        .put("label", label)
        .put("isDefaultValue", def)
        .put("sortOrder", list.size())
        .putNull("parentValue")
        .put("isActive", true)
        .put("isSystem", true);
  }

  public RequestLog log() {
    return server.log();
  }

  public void faults(Faults faults) {
    server.faults(faults);
  }

  private final List<ObjectNode> companies = new ArrayList<>();
  private int companyPageSize = 500;

  /**
   * A company of the Companies entity: {@code id}, {@code companyName}, {@code isActive}, {@code
   * webAddress} (null for none).
   */
  public synchronized AutotaskSimulator company(
      long id, String name, boolean active, String webAddress) {
    ObjectNode company = JSON.createObjectNode();
    company.put("id", id);
    company.put("companyName", name);
    company.put("isActive", active);
    if (webAddress == null) {
      company.putNull("webAddress");
    } else {
      company.put("webAddress", webAddress);
    }
    companies.add(company);
    return this;
  }

  /** How many companies one page of {@code Companies/query} holds (Autotask: at most 500). */
  public synchronized AutotaskSimulator companyPageSize(int size) {
    companyPageSize = size;
    return this;
  }

  @Override
  public void close() {
    server.close();
  }

  private synchronized SimResponse handle(SimRequest request) {
    String path = request.path();
    if (path.equalsIgnoreCase(DISCOVERY_PATH + "/v1.0/ZoneInformation")) {
      String user = request.header("UserName");
      if (user == null) {
        user = request.param("user");
      }
      if (!credentials.username().equalsIgnoreCase(String.valueOf(user))) {
        return errors(404, "Zone information could not be determined");
      }
      ObjectNode zone = JSON.createObjectNode();
      zone.put("zoneName", "Simulated Zone 7");
      zone.put("url", zoneUrl() + "/");
      zone.put("webUrl", server.baseUri() + "/ww7/");
      zone.put("ci", 7);
      return SimResponse.json(200, zone.toString());
    }
    if (!path.startsWith(ZONE_PATH + "/")) {
      return errors(404, "no such API");
    }
    if (!credentials.username().equals(request.header("UserName"))
        || !credentials.secret().equals(request.header("Secret"))
        || !credentials.integrationCode().equals(request.header("ApiIntegrationCode"))) {
      return errors(401, "Unauthorized: UserName, Secret and ApiIntegrationCode are required");
    }
    String rest = path.substring(ZONE_PATH.length());
    String method = request.method();
    Matcher ticketPath = TICKET.matcher(rest);
    Matcher notesPath = NOTES.matcher(rest);
    if (method.equals("POST") && rest.equals("/v1.0/Tickets")) {
      return create(request.body());
    } else if (method.equals("POST") && rest.equals("/v1.0/Tickets/query")) {
      return query(request.body());
    } else if (method.equals("POST") && rest.equals("/v1.0/Companies/query")) {
      return companies(request.body(), 0);
    } else if (method.equals("GET") && rest.equals("/v1.0/Companies/query/next")) {
      String from = request.param("from");
      String search = request.param("search");
      return from == null || !from.matches("\\d{1,9}") || search == null
          ? errors(400, "bad page")
          : companies(search, Integer.parseInt(from));
    } else if (method.equals("GET") && ticketPath.matches()) {
      ObjectNode t = tickets.get(Long.parseLong(ticketPath.group(1)));
      ObjectNode answer = JSON.createObjectNode();
      answer.set("item", t == null ? JSON.nullNode() : t);
      return SimResponse.json(200, answer.toString());
    } else if (method.equals("GET") && rest.equals("/v1.0/Tickets/entityInformation/fields")) {
      return SimResponse.json(200, fields());
    } else if (method.equals("POST") && notesPath.matches()) {
      // Notes only through the child collection; POST /v1.0/TicketNotes is no route here.
      return note(Long.parseLong(notesPath.group(1)), request.body());
    }
    return errors(404, "no route for " + method + " " + rest);
  }

  private SimResponse create(String body) {
    JsonNode json = parse(body);
    if (json == null || !json.isObject()) {
      return errors(400, "the body is not a ticket");
    }
    for (String field : List.of("companyID", "status", "priority", "queueID")) {
      if (!json.path(field).canConvertToLong()) {
        return errors(500, "Missing required field: " + field);
      }
    }
    String title = json.path("title").asText("");
    if (title.isBlank() || title.length() > 255) {
      return errors(500, "title is required and at most 255 characters");
    }
    if (json.has("id")) {
      return errors(500, "id must not be set on create");
    }
    long id = nextId++;
    ObjectNode ticket = ((ObjectNode) json).deepCopy();
    ticket.put("id", id);
    ticket.put("ticketNumber", "T20260101." + id);
    tickets.put(id, ticket);
    return SimResponse.json(200, "{\"itemId\":" + id + "}");
  }

  /**
   * {@code POST /v1.0/Companies/query}: the companies matching the filter, a page at a time; the
   * next page's {@code nextPageUrl} is fetched with GET (its exact form is Autotask's own; here an
   * opaque URL carrying the search and where the page starts).
   */
  private SimResponse companies(String body, int from) {
    JsonNode json = parse(body);
    if (json == null || !json.path("filter").isArray() || json.path("filter").isEmpty()) {
      return errors(500, "a query needs a filter");
    }
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode company : companies) {
      boolean all = true;
      for (JsonNode clause : json.path("filter")) {
        Boolean match = matches(company, clause);
        if (match == null) {
          return errors(500, "unsupported filter: " + clause);
        }
        all &= match;
      }
      if (all) {
        found.add(company);
      }
    }
    ArrayNode items = JSON.createArrayNode();
    int end = Math.min(found.size(), from + companyPageSize);
    for (int i = from; i < end; i++) {
      items.add(found.get(i));
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("items", items);
    ObjectNode page = answer.putObject("pageDetails");
    page.put("count", items.size());
    page.put("requestCount", companyPageSize);
    page.putNull("prevPageUrl");
    if (end < found.size()) {
      page.put(
          "nextPageUrl",
          zoneUrl()
              + "/v1.0/Companies/query/next?from="
              + end
              + "&search="
              + java.net.URLEncoder.encode(body, java.nio.charset.StandardCharsets.UTF_8));
    } else {
      page.putNull("nextPageUrl");
    }
    return SimResponse.json(200, answer.toString());
  }

  private SimResponse query(String body) {
    JsonNode json = parse(body);
    if (json == null || !json.path("filter").isArray() || json.path("filter").isEmpty()) {
      return errors(500, "a query needs a filter");
    }
    ArrayNode items = JSON.createArrayNode();
    for (ObjectNode ticket : tickets.values()) {
      boolean all = true;
      for (JsonNode clause : json.path("filter")) {
        Boolean match = matches(ticket, clause);
        if (match == null) {
          return errors(500, "unsupported filter: " + clause);
        }
        all &= match;
      }
      if (all) {
        items.add(ticket);
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("items", items);
    ObjectNode page = answer.putObject("pageDetails");
    page.put("count", items.size());
    page.put("requestCount", 500);
    page.putNull("prevPageUrl");
    page.putNull("nextPageUrl");
    return SimResponse.json(200, answer.toString());
  }

  /** True or false for a supported clause, null for one the simulator does not know. */
  private static Boolean matches(ObjectNode ticket, JsonNode clause) {
    String field = clause.path("field").asText("");
    String op = clause.path("op").asText("").toLowerCase(Locale.ROOT);
    JsonNode actualNode = null;
    var names = ticket.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.equalsIgnoreCase(field)) {
        actualNode = ticket.get(name);
      }
    }
    String actual = actualNode == null || actualNode.isNull() ? "" : actualNode.asText();
    String value = clause.path("value").asText("");
    switch (op) {
      case "eq":
        return actual.equalsIgnoreCase(value);
      case "noteq":
        return !actual.equalsIgnoreCase(value);
      case "beginswith":
        return actual.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT));
      case "contains":
        return actual.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
      default:
        return null;
    }
  }

  private SimResponse note(long ticketId, String body) {
    if (!tickets.containsKey(ticketId)) {
      return errors(500, "Ticket " + ticketId + " does not exist");
    }
    JsonNode json = parse(body);
    if (json == null || json.path("description").asText("").isBlank()) {
      return errors(500, "description is required");
    }
    for (String field : List.of("noteType", "publish")) {
      if (!json.path(field).canConvertToLong()) {
        return errors(500, "Missing required field: " + field);
      }
    }
    List<String> list = notes.computeIfAbsent(ticketId, k -> new ArrayList<>());
    list.add(json.path("description").asText());
    return SimResponse.json(200, "{\"itemId\":" + (ticketId * 100 + list.size()) + "}");
  }

  private static SimResponse errors(int status, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("errors").add(message);
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
