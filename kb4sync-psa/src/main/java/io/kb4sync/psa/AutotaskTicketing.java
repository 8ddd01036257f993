package io.kb4sync.psa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets in Autotask (REST). Not Basic auth: every request carries {@code ApiIntegrationCode},
 * {@code UserName} and {@code Secret}. The zone URL comes from the configuration or, once, from
 * {@code GET {discovery}/v1.0/ZoneInformation} (user in the {@code UserName} header and in {@code
 * ?user=}, since which one the API reads is UNCONFIRMED), then is cached.
 *
 * <p>The stable key is the title prefix {@code [kb4sync <kind>]} within the company, found with a
 * {@code POST /v1.0/Tickets/query} on {@code companyID}, {@code title beginsWith} and a status
 * other than Complete. Notes go to the child collection {@code POST /v1.0/Tickets/{id}/Notes} only
 * ("Finding resource and child access URLs of REST API entities",
 * https://www.autotask.net/help/developerhelp/Content/APIs/REST/API_Calls/REST_Resource_Child_Access_URLs.htm).
 *
 * <p>Status and priority ids are per instance ("picklist values ... may vary between Autotask
 * implementations",
 * https://autotask.net/help/developerhelp/content/apis/REST/Entities/_EntitiesOverview.htm): those
 * not configured are read from {@code GET /v1.0/Tickets/entityInformation/fields} (1 request, once
 * per instance of this class;
 * https://ww1.autotask.net/help/DeveloperHelp/Content/APIs/REST/API_Calls/REST_EntityInformationCall.htm):
 * "New" for new tickets, "Complete" for closed, the priority picklist's default.
 */
public final class AutotaskTicketing extends DedupingTicketing
    implements io.kb4sync.core.health.HealthCheck {
  public static final String NAME = "Autotask";
  static final int TITLE_LIMIT = 255;
  static final int DESCRIPTION_LIMIT = 8000;
  static final int NOTE_LIMIT = 32000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AutotaskSettings settings;
  private final Map<String, String> headers;
  private final PsaHttp http;
  private volatile URI zone;
  private volatile Picklists picklists;

  /** One picklist value: {@code value}, {@code label}, {@code isActive}, {@code isDefaultValue}. */
  record Pick(int value, String label, boolean active, boolean isDefault) {}

  /** The Tickets picklists this class uses. */
  record Picklists(List<Pick> status, List<Pick> priority) {
    Optional<Pick> byLabel(List<Pick> list, String label) {
      return list.stream()
          .filter(p -> p.active() && p.label() != null && p.label().equalsIgnoreCase(label))
          .findFirst();
    }
  }

  public AutotaskTicketing(AutotaskSettings settings, TicketMemory memory, HttpOptions options) {
    this(settings, memory, options, Sleeper.REAL);
  }

  AutotaskTicketing(
      AutotaskSettings settings, TicketMemory memory, HttpOptions options, Sleeper sleeper) {
    super(memory);
    settings.validate();
    this.settings = settings;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("ApiIntegrationCode", settings.integrationCode());
    h.put("UserName", settings.username());
    h.put("Secret", settings.secret());
    h.put("Content-Type", "application/json");
    this.headers = Map.copyOf(h);
    this.http =
        new PsaHttp(
            NAME, options, sleeper, true, List.of(settings.secret(), settings.integrationCode()));
    if (settings.zoneUrl() != null && !settings.zoneUrl().isBlank()) {
      this.zone = normalZone(settings.zoneUrl(), "psa.autotask.zone_url");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The zone URL, discovered on first use and cached. */
  public URI zoneUrl() {
    URI current = zone;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (zone == null) {
        zone = discover();
      }
      return zone;
    }
  }

  private URI discover() {
    URI discovery =
        URI.create(
            Urls.base(settings.effectiveDiscoveryUrl(), "psa.autotask.discovery_url")
                + "/v1.0/ZoneInformation?user="
                + URLEncoder.encode(settings.username(), StandardCharsets.UTF_8));
    JsonNode answer =
        http.json(
            http.send(
                    "GET",
                    discovery,
                    Map.of("UserName", settings.username(), "Accept", "application/json"),
                    null,
                    true,
                    Set.of())
                .body());
    String url = answer.path("url").asText("");
    if (url.isBlank()) {
      throw http.error(
          RemoteException.Kind.BAD_RESPONSE,
          "ZoneInformation did not name a zone url for the API user; set psa.autotask.zone_url");
    }
    try {
      return normalZone(url, "the discovered Autotask zone url");
    } catch (IllegalArgumentException e) {
      throw http.error(RemoteException.Kind.BAD_RESPONSE, e.getMessage());
    }
  }

  /** {@code .../atservicesrest}: without a trailing slash or {@code /v1.0}. */
  static URI normalZone(String url, String key) {
    String text = Urls.base(url, key).toString();
    if (text.endsWith("/v1.0")) {
      text = text.substring(0, text.length() - "/v1.0".length());
    }
    return URI.create(text);
  }

  /** The Tickets picklists, read once. */
  Picklists picklists() {
    Picklists known = picklists;
    if (known != null) {
      return known;
    }
    JsonNode answer =
        http.json(
            http.send(
                    "GET",
                    uri("/v1.0/Tickets/entityInformation/fields"),
                    headers,
                    null,
                    true,
                    Set.of())
                .body());
    List<Pick> status = new java.util.ArrayList<>();
    List<Pick> priority = new java.util.ArrayList<>();
    for (JsonNode field : answer.path("fields")) {
      String name = field.path("name").asText("");
      List<Pick> into =
          name.equalsIgnoreCase("status")
              ? status
              : name.equalsIgnoreCase("priority") ? priority : null;
      if (into == null) {
        continue;
      }
      for (JsonNode pick : field.path("picklistValues")) {
        if (pick.path("value").canConvertToInt()
            || pick.path("value").asText("").matches("-?\\d+")) {
          into.add(
              new Pick(
                  pick.path("value").asInt(),
                  pick.path("label").asText(null),
                  pick.path("isActive").asBoolean(true),
                  pick.path("isDefaultValue").asBoolean(false)));
        }
      }
    }
    Picklists read = new Picklists(List.copyOf(status), List.copyOf(priority));
    picklists = read;
    return read;
  }

  int newStatus() {
    return settings.statusId() != null
        ? settings.statusId()
        : picked(picklists().status(), "New", false, "psa.autotask.status_id");
  }

  int completeStatus() {
    return settings.completeStatusId() != null
        ? settings.completeStatusId()
        : picked(picklists().status(), "Complete", false, "psa.autotask.complete_status_id");
  }

  int priority() {
    return settings.priorityId() != null
        ? settings.priorityId()
        : picked(picklists().priority(), null, true, "psa.autotask.priority_id");
  }

  private int picked(List<Pick> list, String label, boolean byDefault, String key) {
    Optional<Pick> found =
        byDefault
            ? list.stream().filter(p -> p.active() && p.isDefault()).findFirst()
            : picklists().byLabel(list, label);
    return found
        .orElseThrow(
            () ->
                http.error(
                    RemoteException.Kind.BAD_RESPONSE,
                    "the Tickets picklist has no active "
                        + (byDefault ? "default value" : "value labelled " + label)
                        + "; set "
                        + key))
        .value();
  }

  /**
   * Zone, credentials and the instance's status and priority picklists (1 request after zone
   * discovery, which costs 1 more when zone_url is not set); opens no ticket.
   */
  @Override
  public List<io.kb4sync.core.health.CheckResult> check() {
    String endpoint = "PSA Autotask";
    try {
      Picklists read = picklists();
      String detail =
          "status: "
              + describe(read.status())
              + "; priority: "
              + describe(read.priority())
              + "; kb4sync uses status "
              + newStatus()
              + " for new tickets, "
              + completeStatus()
              + " as closed, priority "
              + priority();
      return List.of(
          io.kb4sync.core.health.CheckResult.pass(
              endpoint + " " + zoneUrl(), "Tickets picklists (entityInformation/fields)", detail));
    } catch (RemoteException e) {
      return List.of(
          io.kb4sync.core.health.CheckResult.fail(
              endpoint,
              "Tickets picklists (entityInformation/fields)",
              e.getMessage(),
              "check psa.autotask (zone, API user, secret, integration code) or set status_id,"
                  + " complete_status_id and priority_id"));
    }
  }

  private static String describe(List<Pick> list) {
    return String.join(
        ", ",
        list.stream()
            .filter(Pick::active)
            .map(p -> p.value() + " " + p.label() + (p.isDefault() ? " (default)" : ""))
            .toList());
  }

  @Override
  State state(String ticketId) {
    RetryingSender.Response response =
        http.send("GET", uri("/v1.0/Tickets/" + ticketId), headers, null, true, Set.of(404));
    if (response.status() == 404) {
      return State.MISSING;
    }
    JsonNode item = http.json(response.body()).path("item");
    if (item.isMissingNode() || item.isNull()) {
      return State.MISSING;
    }
    return item.path("status").asInt(-1) == completeStatus() ? State.CLOSED : State.OPEN;
  }

  @Override
  Optional<String> findOpen(long company, TicketRequest request) {
    String prefix = TicketText.prefix(request);
    ObjectNode query = JSON.createObjectNode();
    ArrayNode filter = query.putArray("filter");
    filter.addObject().put("op", "eq").put("field", "companyID").put("value", company);
    // beginsWith on title: UNCONFIRMED op for this field; the answer is checked again below.
    filter.addObject().put("op", "beginsWith").put("field", "title").put("value", prefix);
    filter.addObject().put("op", "noteq").put("field", "status").put("value", completeStatus());
    JsonNode answer =
        http.json(
            http.send("POST", uri("/v1.0/Tickets/query"), headers, query.toString(), true, Set.of())
                .body());
    return firstId(
        answer.path("items"),
        ticket ->
            ticket.path("title").asText("").startsWith(prefix)
                && ticket.path("companyID").asLong(-1) == company
                && ticket.path("status").asInt(-1) != completeStatus());
  }

  @Override
  void addNote(String ticketId, TicketRequest request) {
    ObjectNode note = JSON.createObjectNode();
    note.put("ticketID", Long.parseLong(ticketId));
    note.put("title", TicketText.title(request, 250));
    note.put("description", TicketText.body(request, NOTE_LIMIT));
    note.put("noteType", settings.effectiveNoteTypeId());
    note.put("publish", settings.effectiveNotePublishId());
    // The child collection only: POST /TicketNotes is not a REST path of Autotask's.
    http.send(
        "POST",
        uri("/v1.0/Tickets/" + ticketId + "/Notes"),
        headers,
        note.toString(),
        false,
        Set.of());
  }

  @Override
  String create(long company, TicketRequest request) {
    ObjectNode ticket = JSON.createObjectNode();
    ticket.put("companyID", company);
    ticket.put("title", TicketText.title(request, TITLE_LIMIT));
    ticket.put("description", TicketText.body(request, DESCRIPTION_LIMIT));
    ticket.put("queueID", settings.queueId());
    ticket.put("status", newStatus());
    ticket.put("priority", priority());
    JsonNode answer =
        http.json(
            http.send("POST", uri("/v1.0/Tickets"), headers, ticket.toString(), false, Set.of())
                .body());
    JsonNode id = answer.has("itemId") ? answer.path("itemId") : answer.path("item").path("id");
    if (!id.canConvertToLong()) {
      throw http.error(RemoteException.Kind.BAD_RESPONSE, "the ticket create answered no itemId");
    }
    return id.asText();
  }

  /**
   * The active companies with their website ({@code webAddress}) as domains: {@code POST
   * /v1.0/Companies/query} filtered on {@code isActive}, then each {@code pageDetails.nextPageUrl}
   * with GET until it is null (paging by nextPageUrl is Autotask's documented pattern; GET on it
   * for a POSTed query is UNCONFIRMED). A page URL must stay on the zone's host.
   */
  public List<PsaCompany> companies() {
    ObjectNode query = JSON.createObjectNode();
    query
        .putArray("filter")
        .addObject()
        .put("op", "eq")
        .put("field", "isActive")
        .put("value", true);
    List<PsaCompany> companies = new ArrayList<>();
    JsonNode page =
        http.json(
            http.send(
                    "POST", uri("/v1.0/Companies/query"), headers, query.toString(), true, Set.of())
                .body());
    Set<String> seen = new HashSet<>();
    while (true) {
      for (JsonNode item : page.path("items")) {
        String web = item.path("webAddress").isTextual() ? item.path("webAddress").asText() : null;
        companies.add(
            new PsaCompany(
                item.path("id").asText(),
                item.path("companyName").asText(""),
                item.path("isActive").asBoolean(true),
                web == null ? List.of() : List.of(web)));
      }
      JsonNode next = page.path("pageDetails").path("nextPageUrl");
      if (!next.isTextual() || next.asText().isBlank()) {
        return List.copyOf(companies);
      }
      URI url = URI.create(next.asText());
      URI zone = zoneUrl();
      if (!zone.getHost().equalsIgnoreCase(String.valueOf(url.getHost()))
          || zone.getPort() != url.getPort()
          || !seen.add(url.toString())) {
        throw http.error(
            RemoteException.Kind.BAD_RESPONSE,
            "Companies/query answered a nextPageUrl off the zone's host or repeating a page");
      }
      page = http.json(http.send("GET", url, headers, null, true, Set.of()).body());
    }
  }

  private URI uri(String path) {
    return URI.create(zoneUrl() + path);
  }
}
