package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.notify.TicketResult;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.TokenCache;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.psa.HaloSimulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HaloTicketingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HaloSimulator halo =
      HaloSimulator.start(new HaloSimulator.Credentials("halo-app", "halo-secret-XYZ", "msp"));
  private final InMemoryTicketMemory memory = new InMemoryTicketMemory();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

  /** A token cache of this test's own: no test sees another's token. */
  private final TokenCache tokens = new TokenCache();

  @AfterEach
  void stop() {
    halo.close();
  }

  private HaloSettings settings(String secret, String tenant) {
    return new HaloSettings(
        halo.authUrl(), halo.apiUrl(), tenant, "halo-app", secret, 21, 1, 3, null, null);
  }

  private HaloTicketing ticketing() {
    return new HaloTicketing(
        settings("halo-secret-XYZ", "msp"),
        memory,
        Fast.options(),
        clock,
        new Fast.RecordingSleeper(),
        tokens);
  }

  private List<LoggedRequest> api() {
    return halo.log().all().stream().filter(r -> r.path().startsWith("/api/")).toList();
  }

  @Test
  void the_token_comes_from_a_form_post_with_scope_all_and_the_tenant_and_is_cached() {
    HaloTicketing ticketing = ticketing();

    ticketing.raise(Requests.guardHold("12"));
    ticketing.raise(Requests.guardHold("12"));

    List<LoggedRequest> tokens =
        halo.log().all().stream().filter(r -> r.path().equals("/auth/token")).toList();
    assertThat(tokens).hasSize(1);
    LoggedRequest token = tokens.get(0);
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.rawQuery()).isEqualTo("tenant=msp");
    assertThat(token.headers().get("content-type")).isEqualTo("application/x-www-form-urlencoded");
    Map<String, List<String>> form = SimServer.parseQuery(token.body());
    assertThat(form)
        .containsEntry("grant_type", List.of("client_credentials"))
        .containsEntry("client_id", List.of("halo-app"))
        .containsEntry("client_secret", List.of("halo-secret-XYZ"))
        .containsEntry("scope", List.of("all"));
    for (LoggedRequest request : api()) {
      assertThat(request.headers().get("authorization")).isEqualTo("Bearer " + halo.accessToken());
    }
  }

  @Test
  void a_create_is_a_json_array_without_an_id() throws Exception {
    TicketResult result = ticketing().raise(Requests.guardHold("12"));

    assertThat(result.created()).isTrue();
    LoggedRequest create =
        api().stream()
            .filter(r -> r.method().equals("POST") && r.path().equals("/api/tickets"))
            .findFirst()
            .orElseThrow();
    JsonNode body = JSON.readTree(create.body());
    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(1);
    assertThat(body.path(0))
        .isEqualTo(
            JSON.readTree(
                "{\"summary\":\"[kb4sync guard-hold] KnowBe4 sync: 7 archives held for Acme Corp,"
                    + " consent needed\",\"details\":"
                    + JSON.writeValueAsString(
                        "KnowBe4 sync: 7 archives held for Acme Corp, consent needed\n\n"
                            + Requests.guardHold("12").details())
                    + ",\"client_id\":12,\"tickettype_id\":21,\"status_id\":1,\"priority_id\":3}"));
    assertThat(body.path(0).has("id")).isFalse();
    assertThat(halo.ticket(Long.parseLong(result.ticketId())).clientId()).isEqualTo(12);
  }

  @Test
  void a_second_raise_adds_an_action_to_the_open_ticket() throws Exception {
    HaloTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12"));

    TicketResult second = ticketing.raise(Requests.guardHold("12"));

    assertThat(second).isEqualTo(new TicketResult("HaloPSA", first.ticketId(), false));
    assertThat(halo.tickets()).hasSize(1);
    LoggedRequest action = api().get(api().size() - 1);
    assertThat(action.path()).isEqualTo("/api/actions");
    JsonNode body = JSON.readTree(action.body());
    assertThat(body.isArray()).isTrue();
    assertThat(body.path(0).path("ticket_id").asText()).isEqualTo(first.ticketId());
    assertThat(body.path(0).path("note").asText()).startsWith("KnowBe4 sync: 7 archives held");
    assertThat(halo.ticket(Long.parseLong(first.ticketId())).notes()).hasSize(1);
  }

  @Test
  void after_the_ticket_is_closed_a_new_one_opens() {
    HaloTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12"));
    halo.close(Long.parseLong(first.ticketId()));

    TicketResult second = ticketing.raise(Requests.guardHold("12"));

    assertThat(second.created()).isTrue();
    assertThat(halo.tickets()).hasSize(2);
  }

  @Test
  void with_the_memory_lost_the_open_ticket_is_found_by_search() {
    HaloTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12"));
    ticketing.raise(Requests.failure("12"));
    memory.clear();

    TicketResult second = ticketing.raise(Requests.guardHold("12"));

    assertThat(second).isEqualTo(new TicketResult("HaloPSA", first.ticketId(), false));
    assertThat(halo.tickets()).hasSize(2);
  }

  @Test
  void a_revoked_token_is_fetched_again_after_a_401_and_the_call_repeated() {
    HaloTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12"));
    halo.revokeTokens();

    TicketResult second = ticketing.raise(Requests.guardHold("12"));

    assertThat(second).isEqualTo(new TicketResult("HaloPSA", first.ticketId(), false));
    assertThat(halo.tokensIssued()).isEqualTo(2);
    assertThat(halo.log().count(r -> r.status() == 401)).isEqualTo(1);
    assertThat(halo.ticket(Long.parseLong(first.ticketId())).notes()).hasSize(1);
  }

  @Test
  void a_rejected_client_secret_is_unauthorized_and_not_in_the_message() {
    HaloTicketing wrong =
        new HaloTicketing(
            settings("wrong-halo-secret", "msp"),
            memory,
            Fast.options(),
            clock,
            new Fast.RecordingSleeper(),
            new TokenCache());

    assertThatThrownBy(() -> wrong.raise(Requests.guardHold("12")))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage())
                  .startsWith("HaloPSA: HTTP 401 for POST /auth/token at 127.0.0.1:")
                  .doesNotContain("wrong-halo-secret");
            });
    assertThat(halo.tickets()).isEmpty();
  }

  @Test
  void a_client_id_that_is_not_numeric_is_one_clear_line() {
    assertThatThrownBy(() -> ticketing().raise(Requests.guardHold("acme")))
        .hasMessage(
            "HaloPSA: company_id 'acme' is not a numeric HaloPSA client id; set the company's"
                + " company_id to it to get tickets");
    assertThat(halo.log().all()).isEmpty();
  }
}
