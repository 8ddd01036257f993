package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.notify.TicketResult;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.psa.AutotaskSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutotaskTicketingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AutotaskSimulator at = AutotaskSimulator.start();
  private final InMemoryTicketMemory memory = new InMemoryTicketMemory();

  @AfterEach
  void stop() {
    at.close();
  }

  private AutotaskSettings settings(String zoneUrl, String secret) {
    AutotaskSimulator.Credentials c = at.credentials();
    return new AutotaskSettings(
        zoneUrl,
        at.discoveryUrl(),
        c.username(),
        secret,
        c.integrationCode(),
        8,
        1,
        2,
        null,
        null,
        null);
  }

  private AutotaskTicketing ticketing() {
    return new AutotaskTicketing(
        settings(null, at.credentials().secret()),
        memory,
        Fast.options(),
        new Fast.RecordingSleeper());
  }

  private List<LoggedRequest> zoneRequests() {
    return at.log().all().stream().filter(r -> r.path().startsWith("/zone7/")).toList();
  }

  @Test
  void the_zone_is_discovered_once_with_the_user_name_and_then_cached() {
    AutotaskTicketing ticketing = ticketing();

    ticketing.raise(Requests.guardHold("12345"));
    ticketing.raise(Requests.guardHold("12345"));

    List<LoggedRequest> discovery =
        at.log().all().stream().filter(r -> r.path().endsWith("/ZoneInformation")).toList();
    assertThat(discovery).hasSize(1);
    assertThat(discovery.get(0).headers().get("username")).isEqualTo("api@msp.example");
    assertThat(discovery.get(0).query().get("user")).containsExactly("api@msp.example");
    assertThat(discovery.get(0).headers()).doesNotContainKey("secret");
    assertThat(ticketing.zoneUrl().toString()).isEqualTo(at.zoneUrl());
  }

  @Test
  void a_configured_zone_url_skips_discovery() {
    AutotaskTicketing ticketing =
        new AutotaskTicketing(
            settings(at.zoneUrl() + "/", at.credentials().secret()),
            memory,
            Fast.options(),
            new Fast.RecordingSleeper());

    ticketing.raise(Requests.guardHold("12345"));

    assertThat(at.log().all()).noneMatch(r -> r.path().endsWith("/ZoneInformation"));
    assertThat(at.tickets()).hasSize(1);
  }

  @Test
  void every_zone_request_carries_the_three_headers_and_no_basic_auth() {
    ticketing().raise(Requests.guardHold("12345"));

    assertThat(zoneRequests()).isNotEmpty();
    for (LoggedRequest request : zoneRequests()) {
      assertThat(request.headers().get("apiintegrationcode")).isEqualTo("SIMTRACKINGCODE");
      assertThat(request.headers().get("username")).isEqualTo("api@msp.example");
      assertThat(request.headers().get("secret")).isEqualTo("sim-secret");
      assertThat(request.headers().get("content-type")).isEqualTo("application/json");
      assertThat(request.headers()).doesNotContainKey("authorization");
    }
  }

  @Test
  void a_first_raise_queries_by_company_and_title_prefix_then_creates_the_ticket()
      throws Exception {
    TicketResult result = ticketing().raise(Requests.guardHold("12345"));

    assertThat(result.created()).isTrue();
    List<LoggedRequest> zone = zoneRequests();
    assertThat(zone)
        .extracting(LoggedRequest::path)
        .containsExactly(
            // complete_status_id is not configured: read once from the Tickets picklists.
            "/zone7/atservicesrest/v1.0/Tickets/entityInformation/fields",
            "/zone7/atservicesrest/v1.0/Tickets/query",
            "/zone7/atservicesrest/v1.0/Tickets");
    assertThat(JSON.readTree(zone.get(1).body()))
        .isEqualTo(
            JSON.readTree(
                "{\"filter\":[{\"op\":\"eq\",\"field\":\"companyID\",\"value\":12345},"
                    + "{\"op\":\"beginsWith\",\"field\":\"title\",\"value\":\"[kb4sync guard-hold] \"},"
                    + "{\"op\":\"noteq\",\"field\":\"status\",\"value\":5}]}"));
    JsonNode create = JSON.readTree(zone.get(2).body());
    assertThat(create.path("companyID").asLong()).isEqualTo(12345);
    assertThat(create.path("title").asText())
        .isEqualTo(
            "[kb4sync guard-hold] KnowBe4 sync: 7 archives held for Acme Corp, consent needed");
    assertThat(create.path("queueID").asInt()).isEqualTo(8);
    assertThat(create.path("status").asInt()).isEqualTo(1);
    assertThat(create.path("priority").asInt()).isEqualTo(2);
    assertThat(create.path("description").asText()).contains("To consent, run:");
    assertThat(create.has("id")).isFalse();
    assertThat(at.ticket(Long.parseLong(result.ticketId())).companyId()).isEqualTo(12345);
  }

  @Test
  void a_second_raise_adds_a_ticket_note_to_the_open_ticket() throws Exception {
    AutotaskTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12345"));

    TicketResult second = ticketing.raise(Requests.guardHold("12345"));

    assertThat(second).isEqualTo(new TicketResult("Autotask", first.ticketId(), false));
    assertThat(at.tickets()).hasSize(1);
    LoggedRequest note = zoneRequests().get(zoneRequests().size() - 1);
    assertThat(note.path())
        .isEqualTo("/zone7/atservicesrest/v1.0/Tickets/" + first.ticketId() + "/Notes");
    JsonNode body = JSON.readTree(note.body());
    assertThat(body.path("ticketID").asText()).isEqualTo(first.ticketId());
    assertThat(body.path("noteType").asInt()).isEqualTo(1);
    assertThat(body.path("publish").asInt()).isEqualTo(1);
    assertThat(at.ticket(Long.parseLong(first.ticketId())).notes()).hasSize(1);
  }

  @Test
  void notes_go_only_to_the_child_collection_never_to_ticket_notes() {
    AutotaskTicketing ticketing = ticketing();
    ticketing.raise(Requests.guardHold("12345"));
    ticketing.raise(Requests.guardHold("12345"));

    assertThat(zoneRequests()).noneMatch(r -> r.path().endsWith("/v1.0/TicketNotes"));
    assertThat(zoneRequests()).anyMatch(r -> r.path().matches(".*/v1.0/Tickets/\\d+/Notes"));
  }

  @Test
  void unconfigured_status_and_priority_come_from_the_instances_picklists() throws Exception {
    at.picklists(31, 35, 7);
    AutotaskSimulator.Credentials c = at.credentials();
    AutotaskTicketing ticketing =
        new AutotaskTicketing(
            new AutotaskSettings(
                null,
                at.discoveryUrl(),
                c.username(),
                c.secret(),
                c.integrationCode(),
                8,
                null,
                null,
                null,
                null,
                null),
            memory,
            Fast.options(),
            new Fast.RecordingSleeper());

    TicketResult first = ticketing.raise(Requests.guardHold("12345"));

    LoggedRequest create =
        zoneRequests().stream()
            .filter(r -> r.method().equals("POST") && r.path().endsWith("/v1.0/Tickets"))
            .findFirst()
            .orElseThrow();
    JsonNode body = JSON.readTree(create.body());
    assertThat(body.path("status").asInt()).isEqualTo(31);
    assertThat(body.path("priority").asInt()).isEqualTo(7);
    assertThat(zoneRequests().stream().filter(r -> r.path().endsWith("entityInformation/fields")))
        .hasSize(1);
    assertThat(ticketing.check())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.detail())
                    .contains("31 New (default)", "35 Complete", "7 Medium (default)")
                    .contains("status 31 for new tickets, 35 as closed, priority 7"));

    at.complete(Long.parseLong(first.ticketId()));
    assertThat(ticketing.raise(Requests.guardHold("12345")).ticketId())
        .isNotEqualTo(first.ticketId());
  }

  @Test
  void after_the_ticket_is_completed_a_new_one_opens() {
    AutotaskTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12345"));
    at.complete(Long.parseLong(first.ticketId()));

    TicketResult second = ticketing.raise(Requests.guardHold("12345"));

    assertThat(second.created()).isTrue();
    assertThat(at.tickets()).hasSize(2);
  }

  @Test
  void with_the_memory_lost_the_open_ticket_is_found_by_the_query() {
    AutotaskTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("12345"));
    memory.clear();

    TicketResult second = ticketing.raise(Requests.guardHold("12345"));

    assertThat(second).isEqualTo(new TicketResult("Autotask", first.ticketId(), false));
    assertThat(at.tickets()).hasSize(1);
  }

  @Test
  void a_rejected_secret_is_unauthorized_and_not_in_the_message() {
    AutotaskTicketing wrong =
        new AutotaskTicketing(
            settings(null, "wrong-at-secret"), memory, Fast.options(), new Fast.RecordingSleeper());

    assertThatThrownBy(() -> wrong.raise(Requests.guardHold("12345")))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage())
                  .startsWith(
                      "Autotask: HTTP 401 for GET"
                          + " /zone7/atservicesrest/v1.0/Tickets/entityInformation/fields")
                  .doesNotContain("wrong-at-secret")
                  .doesNotContain("SIMTRACKINGCODE");
            });
  }

  @Test
  void a_company_id_that_is_not_numeric_is_one_clear_line() {
    assertThatThrownBy(() -> ticketing().raise(Requests.guardHold("ACME-01")))
        .hasMessage(
            "Autotask: company_id 'ACME-01' is not a numeric Autotask company id; set the"
                + " company's company_id to it to get tickets");
    assertThat(at.log().all()).isEmpty();
  }

  @Test
  void missing_picklist_ids_are_a_configuration_error_naming_the_key() {
    AutotaskSimulator.Credentials c = at.credentials();
    AutotaskSettings noQueue =
        new AutotaskSettings(
            null,
            null,
            c.username(),
            c.secret(),
            c.integrationCode(),
            null,
            1,
            2,
            null,
            null,
            null);

    assertThatThrownBy(() -> new AutotaskTicketing(noQueue, memory, Fast.options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("psa.autotask.queue_id: missing");
    assertThat(noQueue.toString()).doesNotContain(c.secret());
  }
}
