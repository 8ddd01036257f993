package io.kb4sync.psa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.AccessToken;
import io.kb4sync.http.ClientCredentialsGrant;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.TokenCache;
import io.kb4sync.http.TokenKey;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets in HaloPSA. A client-credentials token from {@code POST {authUrl}/token} (form body,
 * {@code scope=all}, {@code ?tenant=} when configured; {@link ClientCredentialsGrant}), kept in the
 * one {@link TokenCache} until shortly before it expires, then {@code Authorization: Bearer}.
 * Creates and actions are JSON <em>arrays</em>; a create never carries an {@code id} (an object
 * with an id updates that ticket instead).
 *
 * <p>The stable key is the summary prefix {@code [kb4sync <kind>]} within the client. The search
 * parameters ({@code client_id}, {@code search}, {@code open_only}) and the action fields ({@code
 * ticket_id}, {@code note}, {@code outcome}, {@code hiddenfromuser}) are UNCONFIRMED: answers are
 * checked again here.
 */
public final class HaloTicketing extends DedupingTicketing
    implements io.kb4sync.core.health.HealthCheck {
  public static final String NAME = "HaloPSA";

  /** Halo's client-credentials scope: the whole API the agent may use. */
  private static final String SCOPE = "all";

  static final int SUMMARY_LIMIT = 255;
  static final int TEXT_LIMIT = 16000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HaloSettings settings;
  private final URI api;
  private final URI tokenUri;
  private final TokenKey tokenKey;
  private final TokenCache tokens;
  private final PsaHttp http;
  private final Clock clock;
  private AccessToken token;

  public HaloTicketing(
      HaloSettings settings, TicketMemory memory, HttpOptions options, Clock clock) {
    this(settings, memory, options, clock, Sleeper.REAL, TokenCache.shared());
  }

  HaloTicketing(
      HaloSettings settings,
      TicketMemory memory,
      HttpOptions options,
      Clock clock,
      Sleeper sleeper,
      TokenCache tokens) {
    super(memory);
    settings.validate();
    this.settings = settings;
    this.clock = clock;
    this.api = Urls.base(settings.apiUrl(), "psa.halo.api_url");
    URI auth = Urls.base(settings.authUrl(), "psa.halo.auth_url");
    this.tokenUri =
        URI.create(
            auth
                + "/token"
                + (settings.tenant() == null || settings.tenant().isBlank()
                    ? ""
                    : "?tenant=" + encode(settings.tenant())));
    this.tokens = tokens;
    this.tokenKey =
        TokenKey.of(
            tokenUri.toString(),
            settings.tenant() == null ? "" : settings.tenant(),
            settings.clientId(),
            SCOPE,
            settings.clientSecret());
    this.http =
        new PsaHttp(
            NAME,
            options,
            sleeper,
            false,
            List.of(settings.clientSecret(), encode(settings.clientSecret())));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  String companyWord() {
    return "client";
  }

  /**
   * Sign-in, the instance's statuses ({@code GET /api/Status}: the configured closed statuses by
   * name) and outcomes ({@code GET /api/Outcome}: whether the configured note outcome exists); 3
   * requests with the token, opens no ticket. Statuses and outcomes are per instance (HaloPSA's
   * API, Status and Outcome; read through homotechsual/HaloAPI Get-HaloStatus, whose {@code -Type
   * ticket} is {@code ?type=ticket}): nothing here is assumed.
   */
  @Override
  public List<io.kb4sync.core.health.CheckResult> check() {
    String endpoint = "PSA HaloPSA " + settings.apiUrl();
    List<io.kb4sync.core.health.CheckResult> results = new java.util.ArrayList<>();
    try {
      JsonNode statuses =
          http.json(call("GET", "/Status?type=ticket", null, true, Set.of()).body());
      List<String> closed = new java.util.ArrayList<>();
      for (int id : settings.closedStatusIds()) {
        String name = null;
        for (JsonNode status : statuses.isArray() ? statuses : statuses.path("statuses")) {
          if (status.path("id").asInt(-1) == id) {
            name = status.path("name").asText(null);
          }
        }
        closed.add(id + " " + (name == null ? "(NOT IN THIS INSTANCE)" : name));
      }
      boolean allFound = closed.stream().noneMatch(c -> c.contains("NOT IN THIS INSTANCE"));
      results.add(
          allFound
              ? io.kb4sync.core.health.CheckResult.pass(
                  endpoint, "closed status (closed_status_ids)", String.join(", ", closed))
              : io.kb4sync.core.health.CheckResult.fail(
                  endpoint,
                  "closed status (closed_status_ids)",
                  String.join(", ", closed),
                  "set psa.halo.closed_status_ids to the ids of the instance's closed statuses"));
      JsonNode outcomes = http.json(call("GET", "/Outcome", null, true, Set.of()).body());
      boolean found = false;
      for (JsonNode outcome : outcomes.isArray() ? outcomes : outcomes.path("outcomes")) {
        found |= settings.noteOutcome().equalsIgnoreCase(outcome.path("outcome").asText(""));
      }
      results.add(
          found
              ? io.kb4sync.core.health.CheckResult.pass(
                  endpoint, "note outcome (note_outcome)", settings.noteOutcome())
              : io.kb4sync.core.health.CheckResult.fail(
                  endpoint,
                  "note outcome (note_outcome)",
                  settings.noteOutcome() + " is not an outcome of this instance",
                  "set psa.halo.note_outcome to one of the instance's outcomes"));
    } catch (RemoteException e) {
      results.add(
          io.kb4sync.core.health.CheckResult.fail(
              endpoint, "statuses and outcomes", e.getMessage(), "check psa.halo"));
    }
    return results;
  }

  @Override
  State state(String ticketId) {
    RetryingSender.Response response = call("GET", "/tickets/" + ticketId, null, true, Set.of(404));
    if (response.status() == 404) {
      return State.MISSING;
    }
    JsonNode ticket = http.json(response.body());
    if (!ticket.path("id").canConvertToLong()) {
      return State.MISSING;
    }
    return closed(ticket) ? State.CLOSED : State.OPEN;
  }

  @Override
  Optional<String> findOpen(long company, TicketRequest request) {
    String prefix = TicketText.prefix(request);
    String query =
        "/tickets?client_id=" + company + "&search=" + encode(prefix.trim()) + "&open_only=true";
    JsonNode answer = http.json(call("GET", query, null, true, Set.of()).body());
    JsonNode list = answer.isArray() ? answer : answer.path("tickets");
    return firstId(
        list,
        ticket ->
            ticket.path("summary").asText("").startsWith(prefix)
                && (!ticket.has("client_id") || ticket.path("client_id").asLong() == company)
                && !closed(ticket));
  }

  @Override
  void addNote(String ticketId, TicketRequest request) {
    ArrayNode actions = JSON.createArrayNode();
    ObjectNode action = actions.addObject();
    action.put("ticket_id", Long.parseLong(ticketId));
    action.put("outcome", settings.noteOutcome());
    action.put("note", TicketText.body(request, TEXT_LIMIT));
    action.put("hiddenfromuser", true);
    call("POST", "/actions", actions.toString(), false, Set.of());
  }

  @Override
  String create(long company, TicketRequest request) {
    ArrayNode body = JSON.createArrayNode();
    ObjectNode ticket = body.addObject();
    ticket.put("summary", TicketText.title(request, SUMMARY_LIMIT));
    ticket.put("details", TicketText.body(request, TEXT_LIMIT));
    ticket.put("client_id", company);
    ticket.put("tickettype_id", settings.tickettypeId());
    if (settings.statusId() != null) {
      ticket.put("status_id", settings.statusId());
    }
    if (settings.priorityId() != null) {
      ticket.put("priority_id", settings.priorityId());
    }
    if (settings.teamId() != null) {
      ticket.put("team_id", settings.teamId());
    }
    JsonNode answer = http.json(call("POST", "/tickets", body.toString(), false, Set.of()).body());
    JsonNode created = answer.isArray() ? answer.path(0) : answer;
    if (!created.path("id").canConvertToLong()) {
      throw http.error(RemoteException.Kind.BAD_RESPONSE, "the created ticket has no id");
    }
    return created.path("id").asText();
  }

  private boolean closed(JsonNode ticket) {
    return ticket.has("status_id")
        && settings.closedStatusIds().contains(ticket.path("status_id").asInt());
  }

  /** Clients per page of {@link #companies()}. */
  static final int CLIENT_PAGE = 100;

  /**
   * The clients, inactive ones included and marked: {@code GET
   * /api/Client?paginate=true&page_size=100&page_no=N&includeinactive=true} until {@code
   * record_count} is reached or a page is short. HaloPSA documents no domain field for a client in
   * our sources: {@code website} is read when present (as third parties show it), and a client
   * without one has no domain (discover then matches it by name only).
   */
  public List<PsaCompany> companies() {
    List<PsaCompany> companies = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode answer =
          http.json(
              call(
                      "GET",
                      "/Client?paginate=true&page_size="
                          + CLIENT_PAGE
                          + "&page_no="
                          + page
                          + "&includeinactive=true",
                      null,
                      true,
                      Set.of())
                  .body());
      JsonNode clients = answer.path("clients");
      if (!clients.isArray()) {
        throw http.error(RemoteException.Kind.BAD_RESPONSE, "Client answered no clients list");
      }
      for (JsonNode client : clients) {
        String web = client.path("website").isTextual() ? client.path("website").asText() : null;
        companies.add(
            new PsaCompany(
                client.path("id").asText(),
                client.path("name").asText(""),
                !client.path("inactive").asBoolean(false),
                web == null ? List.of() : List.of(web)));
      }
      long total = answer.path("record_count").asLong(-1);
      if (clients.size() < CLIENT_PAGE || (total >= 0 && companies.size() >= total)) {
        return List.copyOf(companies);
      }
    }
  }

  /** An API call with the bearer token; a 401 fetches a new token and tries once more. */
  private RetryingSender.Response call(
      String method, String path, String body, boolean read, Set<Integer> alsoAccept) {
    URI uri = URI.create(api + path);
    Set<Integer> accept = new HashSet<>(alsoAccept);
    accept.add(401);
    RetryingSender.Response response = http.send(method, uri, headers(false), body, read, accept);
    if (response.status() == 401 && !alsoAccept.contains(401)) {
      response = http.send(method, uri, headers(true), body, read, alsoAccept);
    }
    return response;
  }

  private Map<String, String> headers(boolean fresh) {
    return Map.of(
        "Authorization",
        "Bearer " + token(fresh),
        "Content-Type",
        "application/json",
        "Accept",
        "application/json");
  }

  /** The cached token, or a fresh one when {@code fresh} (the API refused the last one). */
  private synchronized String token(boolean fresh) {
    if (fresh && token != null) {
      tokens.forget(tokenKey, token);
    }
    AccessToken current = tokens.get(tokenKey, clock, this::fetchToken);
    if (!current.equals(token)) {
      http.addSecret(current.value());
      token = current;
    }
    return current.value();
  }

  private AccessToken fetchToken() {
    RetryingSender.Response answer =
        http.send(
            ClientCredentialsGrant.request(
                tokenUri,
                settings.clientId(),
                SCOPE,
                ClientCredentialsGrant.secret(settings.clientSecret())),
            Set.of());
    return ClientCredentialsGrant.parse(answer.body(), clock.instant())
        .orElseThrow(
            () ->
                http.error(
                    RemoteException.Kind.BAD_RESPONSE, "the token answer has no access_token"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
