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
 * other than Complete. Notes go to {@code POST /v1.0/Tickets/{id}/Notes}, falling back to {@code
 * POST /v1.0/TicketNotes} when that path is unknown (which of the two the API takes is
 * UNCONFIRMED).
 */
public final class AutotaskTicketing extends DedupingTicketing {
  public static final String NAME = "Autotask";
  static final int TITLE_LIMIT = 255;
  static final int DESCRIPTION_LIMIT = 8000;
  static final int NOTE_LIMIT = 32000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AutotaskSettings settings;
  private final Map<String, String> headers;
  private final PsaHttp http;
  private volatile URI zone;

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
    return item.path("status").asInt(-1) == settings.effectiveCompleteStatusId()
        ? State.CLOSED
        : State.OPEN;
  }

  @Override
  Optional<String> findOpen(long company, TicketRequest request) {
    String prefix = TicketText.prefix(request);
    ObjectNode query = JSON.createObjectNode();
    ArrayNode filter = query.putArray("filter");
    filter.addObject().put("op", "eq").put("field", "companyID").put("value", company);
    // beginsWith on title: UNCONFIRMED op for this field; the answer is checked again below.
    filter.addObject().put("op", "beginsWith").put("field", "title").put("value", prefix);
    filter
        .addObject()
        .put("op", "noteq")
        .put("field", "status")
        .put("value", settings.effectiveCompleteStatusId());
    JsonNode answer =
        http.json(
            http.send("POST", uri("/v1.0/Tickets/query"), headers, query.toString(), true, Set.of())
                .body());
    return firstId(
        answer.path("items"),
        ticket ->
            ticket.path("title").asText("").startsWith(prefix)
                && ticket.path("companyID").asLong(-1) == company
                && ticket.path("status").asInt(-1) != settings.effectiveCompleteStatusId());
  }

  @Override
  void addNote(String ticketId, TicketRequest request) {
    ObjectNode note = JSON.createObjectNode();
    note.put("ticketID", Long.parseLong(ticketId));
    note.put("title", TicketText.title(request, 250));
    note.put("description", TicketText.body(request, NOTE_LIMIT));
    note.put("noteType", settings.effectiveNoteTypeId());
    note.put("publish", settings.effectiveNotePublishId());
    RetryingSender.Response child =
        http.send(
            "POST",
            uri("/v1.0/Tickets/" + ticketId + "/Notes"),
            headers,
            note.toString(),
            false,
            Set.of(404));
    if (child.status() == 404) {
      http.send("POST", uri("/v1.0/TicketNotes"), headers, note.toString(), false, Set.of());
    }
  }

  @Override
  String create(long company, TicketRequest request) {
    ObjectNode ticket = JSON.createObjectNode();
    ticket.put("companyID", company);
    ticket.put("title", TicketText.title(request, TITLE_LIMIT));
    ticket.put("description", TicketText.body(request, DESCRIPTION_LIMIT));
    ticket.put("queueID", settings.queueId());
    ticket.put("status", settings.statusId());
    ticket.put("priority", settings.priorityId());
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
