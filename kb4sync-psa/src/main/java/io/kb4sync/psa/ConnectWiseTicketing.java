package io.kb4sync.psa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets in ConnectWise Manage (PSA). The stable key is {@code externalXRef} = {@code
 * kb4sync:<company_id>:<kind>}; notes are internal ({@code internalAnalysisFlag}), so a recurring
 * note is not mailed to the customer's contact.
 *
 * <p>Headers, on every request: {@code Authorization: Basic base64(companyId+publicKey:
 * privateKey)}, {@code clientId}, {@code Accept: application/vnd.connectwise.com+json;
 * version=x.y}, {@code Content-Type: application/json}, {@code Cache-Control: no-cache}.
 */
public final class ConnectWiseTicketing extends DedupingTicketing {
  public static final String NAME = "ConnectWise";

  /** ConnectWise refuses longer summaries. */
  static final int SUMMARY_LIMIT = 100;

  /** A generous cap for descriptions and notes; ConnectWise's own limit is not documented here. */
  static final int TEXT_LIMIT = 8000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConnectWiseSettings settings;
  private final URI base;
  private final Map<String, String> headers;
  private final PsaHttp http;

  public ConnectWiseTicketing(
      ConnectWiseSettings settings, TicketMemory memory, HttpOptions options) {
    this(settings, memory, options, Sleeper.REAL);
  }

  ConnectWiseTicketing(
      ConnectWiseSettings settings, TicketMemory memory, HttpOptions options, Sleeper sleeper) {
    super(memory);
    settings.validate();
    this.settings = settings;
    this.base = Urls.base(settings.url(), "psa.connectwise.url");
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (settings.companyId() + "+" + settings.publicKey() + ":" + settings.privateKey())
                    .getBytes(StandardCharsets.UTF_8));
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Basic " + basic);
    h.put("clientId", settings.clientId());
    h.put(
        "Accept",
        "application/vnd.connectwise.com+json; version=" + settings.effectiveApiVersion());
    h.put("Content-Type", "application/json");
    h.put("Cache-Control", "no-cache");
    this.headers = Map.copyOf(h);
    this.http = new PsaHttp(NAME, options, sleeper, false, List.of(settings.privateKey(), basic));
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@code GET system/info}: the connectivity and credentials check ({@code doctor}). */
  public void check() {
    http.send("GET", uri("/system/info"), headers, null, true, Set.of());
  }

  @Override
  State state(String ticketId) {
    RetryingSender.Response response =
        http.send("GET", uri("/service/tickets/" + ticketId), headers, null, true, Set.of(404));
    if (response.status() == 404) {
      return State.MISSING;
    }
    JsonNode ticket = http.json(response.body());
    // closedFlag is the field the open-ticket search also relies on (UNCONFIRMED name).
    return ticket.path("closedFlag").asBoolean(false) ? State.CLOSED : State.OPEN;
  }

  @Override
  Optional<String> findOpen(long company, TicketRequest request) {
    String reference = TicketText.externalRef(request);
    // Condition syntax and the closedFlag field are UNCONFIRMED: the answer is checked again here.
    String conditions =
        "externalXRef=\"" + reference.replace("\"", "\\\"") + "\" and closedFlag=false";
    URI search =
        uri(
            "/service/tickets?conditions="
                + URLEncoder.encode(conditions, StandardCharsets.UTF_8).replace("+", "%20")
                + "&orderBy="
                + URLEncoder.encode("id desc", StandardCharsets.UTF_8).replace("+", "%20")
                + "&pageSize=25");
    JsonNode list = http.json(http.send("GET", search, headers, null, true, Set.of()).body());
    if (!list.isArray()) {
      throw http.error(
          RemoteException.Kind.BAD_RESPONSE, "the ticket search did not answer a list");
    }
    return firstId(
        list,
        ticket ->
            reference.equals(ticket.path("externalXRef").asText())
                && !ticket.path("closedFlag").asBoolean(false)
                && (!ticket.path("company").has("id")
                    || ticket.path("company").path("id").asLong() == company));
  }

  @Override
  void addNote(String ticketId, TicketRequest request) {
    ObjectNode note = JSON.createObjectNode();
    note.put("text", TicketText.body(request, TEXT_LIMIT));
    note.put("detailDescriptionFlag", false);
    note.put("internalAnalysisFlag", true);
    note.put("resolutionFlag", false);
    http.send(
        "POST",
        uri("/service/tickets/" + ticketId + "/notes"),
        headers,
        note.toString(),
        false,
        Set.of());
  }

  @Override
  String create(long company, TicketRequest request) {
    ObjectNode ticket = JSON.createObjectNode();
    ticket.put("summary", TicketText.title(request, SUMMARY_LIMIT));
    ticket.putObject("company").put("id", company);
    reference(ticket, "board", settings.boardId());
    reference(ticket, "status", settings.statusId());
    reference(ticket, "type", settings.typeId());
    reference(ticket, "priority", settings.priorityId());
    ticket.put("initialDescription", TicketText.body(request, TEXT_LIMIT));
    ticket.put("externalXRef", TicketText.externalRef(request));
    JsonNode created =
        http.json(
            http.send("POST", uri("/service/tickets"), headers, ticket.toString(), false, Set.of())
                .body());
    if (!created.path("id").canConvertToLong()) {
      throw http.error(RemoteException.Kind.BAD_RESPONSE, "the created ticket has no id");
    }
    return created.path("id").asText();
  }

  private static void reference(ObjectNode ticket, String field, Integer id) {
    if (id != null) {
      ticket.putObject(field).put("id", id);
    }
  }

  /** Companies per page of {@link #companies()}: ConnectWise's maximum. */
  static final int COMPANY_PAGE = 1000;

  /**
   * The companies with their website as a domain: {@code GET
   * company/companies?page=N&pageSize=1000} until a short page. Our vendor sources document neither
   * the {@code website} field nor which statuses are active (statuses are per instance): both are
   * read as third parties show them, a company whose {@code status.name} is {@code Inactive} (any
   * case) or whose {@code deletedFlag} is true counts as inactive.
   */
  public List<PsaCompany> companies() {
    List<PsaCompany> companies = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode list =
          http.json(
              http.send(
                      "GET",
                      uri("/company/companies?page=" + page + "&pageSize=" + COMPANY_PAGE),
                      headers,
                      null,
                      true,
                      Set.of())
                  .body());
      if (!list.isArray()) {
        throw http.error(RemoteException.Kind.BAD_RESPONSE, "company/companies is not a list");
      }
      for (JsonNode item : list) {
        boolean active =
            !item.path("deletedFlag").asBoolean(false)
                && !item.path("status").path("name").asText("").equalsIgnoreCase("Inactive");
        String web = item.path("website").isTextual() ? item.path("website").asText() : null;
        companies.add(
            new PsaCompany(
                item.path("id").asText(),
                item.path("name").asText(""),
                active,
                web == null ? List.of() : List.of(web)));
      }
      if (list.size() < COMPANY_PAGE) {
        return List.copyOf(companies);
      }
    }
  }

  private URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }
}
