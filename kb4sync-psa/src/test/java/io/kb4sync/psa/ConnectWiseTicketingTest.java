package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.notify.TicketResult;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.psa.ConnectWiseSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectWiseTicketingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConnectWiseSimulator cw = ConnectWiseSimulator.start();
  private final InMemoryTicketMemory memory = new InMemoryTicketMemory();

  @AfterEach
  void stop() {
    cw.close();
  }

  private ConnectWiseSettings settings(String privateKey) {
    ConnectWiseSimulator.Credentials c = cw.credentials();
    return new ConnectWiseSettings(
        cw.apiUrl(), c.companyId(), c.publicKey(), privateKey, c.clientId(), null, 7, 11, null, 3);
  }

  private ConnectWiseTicketing ticketing() {
    return new ConnectWiseTicketing(
        settings(cw.credentials().privateKey()),
        memory,
        Fast.options(),
        new Fast.RecordingSleeper());
  }

  @Test
  void every_request_carries_basic_auth_of_company_plus_public_key_the_client_id_and_a_version() {
    ticketing().raise(Requests.guardHold("1001"));

    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("msp+sim-public:sim-private".getBytes(StandardCharsets.UTF_8));
    assertThat(cw.log().all()).isNotEmpty();
    for (LoggedRequest request : cw.log().all()) {
      assertThat(request.headers().get("authorization")).isEqualTo(basic);
      assertThat(request.headers().get("clientid")).isEqualTo(cw.credentials().clientId());
      assertThat(request.headers().get("accept"))
          .isEqualTo("application/vnd.connectwise.com+json; version=2022.1");
      assertThat(request.headers().get("cache-control")).isEqualTo("no-cache");
      assertThat(request.status()).isLessThan(300);
    }
  }

  @Test
  void a_first_raise_searches_by_external_reference_then_creates_the_documented_ticket()
      throws Exception {
    TicketResult result = ticketing().raise(Requests.guardHold("1001"));

    assertThat(result.created()).isTrue();
    assertThat(result.system()).isEqualTo("ConnectWise");
    List<LoggedRequest> requests = cw.log().all();
    assertThat(requests).extracting(LoggedRequest::method).containsExactly("GET", "POST");
    assertThat(requests.get(0).query().get("conditions"))
        .containsExactly("externalXRef=\"kb4sync:1001:guard-hold\" and closedFlag=false");
    JsonNode body = JSON.readTree(requests.get(1).body());
    assertThat(requests.get(1).path()).endsWith("/service/tickets");
    assertThat(body)
        .isEqualTo(
            JSON.readTree(
                "{\"summary\":\"[kb4sync guard-hold] KnowBe4 sync: 7 archives held for Acme Corp,"
                    + " consent needed\",\"company\":{\"id\":1001},\"board\":{\"id\":7},"
                    + "\"status\":{\"id\":11},\"priority\":{\"id\":3},"
                    + "\"initialDescription\":"
                    + JSON.writeValueAsString(
                        "KnowBe4 sync: 7 archives held for Acme Corp, consent needed\n\n"
                            + Requests.guardHold("1001").details())
                    + ",\"externalXRef\":\"kb4sync:1001:guard-hold\"}"));
    assertThat(memory.openTicket("1001", "guard-hold")).contains(result.ticketId());
  }

  @Test
  void a_second_raise_adds_a_note_to_the_open_ticket_instead_of_opening_another() {
    ConnectWiseTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("1001"));

    TicketResult second = ticketing.raise(Requests.guardHold("1001"));

    assertThat(second.created()).isFalse();
    assertThat(second.ticketId()).isEqualTo(first.ticketId());
    assertThat(cw.tickets()).hasSize(1);
    assertThat(cw.ticket(Long.parseLong(first.ticketId())).notes())
        .singleElement()
        .asString()
        .startsWith("KnowBe4 sync: 7 archives held");
  }

  @Test
  void after_the_ticket_is_closed_a_new_one_opens() {
    ConnectWiseTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("1001"));
    cw.close(Long.parseLong(first.ticketId()));

    TicketResult second = ticketing.raise(Requests.guardHold("1001"));

    assertThat(second.created()).isTrue();
    assertThat(second.ticketId()).isNotEqualTo(first.ticketId());
    assertThat(cw.tickets()).hasSize(2);
    assertThat(memory.openTicket("1001", "guard-hold")).contains(second.ticketId());
  }

  @Test
  void a_deleted_ticket_is_forgotten_and_replaced() {
    ConnectWiseTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("1001"));
    cw.delete(Long.parseLong(first.ticketId()));

    TicketResult second = ticketing.raise(Requests.guardHold("1001"));

    assertThat(second.created()).isTrue();
    assertThat(cw.tickets()).hasSize(1);
  }

  @Test
  void with_the_memory_lost_the_open_ticket_is_found_by_external_reference() {
    ConnectWiseTicketing ticketing = ticketing();
    TicketResult first = ticketing.raise(Requests.guardHold("1001"));
    memory.clear();

    TicketResult second = ticketing.raise(Requests.guardHold("1001"));

    assertThat(second).isEqualTo(new TicketResult("ConnectWise", first.ticketId(), false));
    assertThat(memory.openTicket("1001", "guard-hold")).contains(first.ticketId());
    assertThat(cw.tickets()).hasSize(1);
  }

  @Test
  void another_kind_or_another_company_gets_its_own_ticket() {
    ConnectWiseTicketing ticketing = ticketing();
    ticketing.raise(Requests.guardHold("1001"));
    ticketing.raise(Requests.failure("1001"));
    ticketing.raise(Requests.guardHold("1002"));

    assertThat(cw.tickets()).hasSize(3);
  }

  @Test
  void the_summary_is_capped_at_100_characters() {
    TicketRequest longOne =
        new TicketRequest("1001", "Acme", "changes", "x".repeat(300), "details");

    ticketing().raise(longOne);

    String summary = cw.tickets().get(0).summary();
    assertThat(summary).hasSize(100).startsWith("[kb4sync changes] xxx").endsWith("…");
  }

  @Test
  void a_company_id_that_is_not_numeric_is_one_clear_line_and_no_request() {
    assertThatThrownBy(() -> ticketing().raise(Requests.guardHold("acme")))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_REQUEST);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "ConnectWise: company_id 'acme' is not a numeric ConnectWise company id; set"
                          + " the company's company_id to it to get tickets");
            });
    assertThat(cw.log().all()).isEmpty();
  }

  @Test
  void rejected_keys_are_unauthorized_and_no_key_is_in_the_message() {
    ConnectWiseTicketing wrong =
        new ConnectWiseTicketing(
            settings("wrong-private-key"), memory, Fast.options(), new Fast.RecordingSleeper());

    assertThatThrownBy(() -> wrong.raise(Requests.guardHold("1001")))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage())
                  .startsWith("ConnectWise: HTTP 401 for GET ")
                  .doesNotContain("wrong-private-key")
                  .doesNotContain(
                      Base64.getEncoder()
                          .encodeToString(
                              "msp+sim-public:wrong-private-key".getBytes(StandardCharsets.UTF_8)));
            });
    assertThat(cw.tickets()).isEmpty();
  }

  @Test
  void a_create_that_fails_with_500_is_not_retried_so_no_duplicate_ticket_is_opened() {
    cw.faults(Faults.none().failAfterApply(1.0));

    assertThatThrownBy(() -> ticketing().raise(Requests.guardHold("1001")))
        .isInstanceOf(RemoteException.class);

    // The search (a read) got three tries; the create, which happened, got one.
    assertThat(cw.log().count(r -> r.method().equals("POST"))).isEqualTo(1);
    assertThat(cw.tickets()).hasSize(1);
  }

  @Test
  void throttling_is_retried_honouring_retry_after() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    cw.faults(new Faults(42).throttle(0.75).retryAfterSeconds(2));
    ConnectWiseTicketing ticketing =
        new ConnectWiseTicketing(
            settings(cw.credentials().privateKey()),
            memory,
            new HttpOptions(
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5),
                10,
                java.time.Duration.ofMillis(1),
                java.time.Duration.ofSeconds(30)),
            sleeper);

    TicketResult result = ticketing.raise(Requests.guardHold("1001"));

    assertThat(result.created()).isTrue();
    // Seed 42 at 0.75 throttles the search five times and the create three times.
    assertThat(cw.log().count(r -> r.status() == 429)).isEqualTo(8);
    assertThat(sleeper.waits).hasSize(8).allMatch(w -> w.equals(java.time.Duration.ofSeconds(2)));
  }

  private ConnectWiseTicketing impatient(Fast.RecordingSleeper sleeper) {
    return new ConnectWiseTicketing(
        settings(cw.credentials().privateKey()),
        memory,
        new HttpOptions(
            Duration.ofSeconds(2),
            Duration.ofMillis(300),
            3,
            Duration.ofMillis(10),
            Duration.ofSeconds(30)),
        sleeper);
  }

  @Test
  void a_search_that_gets_no_answer_in_time_is_tried_again_before_giving_up() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    cw.faults(Faults.none().latency(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> impatient(sleeper).raise(Requests.guardHold("1001")))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
              assertThat(e.getMessage())
                  .startsWith("ConnectWise: no answer within 300 ms to 127.0.0.1:")
                  .endsWith(" after 3 attempts (HttpTimeoutException)");
            });
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(cw.tickets()).isEmpty();
  }

  @Test
  void a_create_that_gets_no_answer_in_time_is_not_sent_again_so_no_duplicate_ticket_is_opened()
      throws Exception {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    cw.faults(Faults.none().hangAfterApply(1.0, Duration.ofSeconds(2)));

    assertThatThrownBy(() -> impatient(sleeper).raise(Requests.guardHold("1001")))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("ConnectWise: no answer within 300 ms to 127.0.0.1:")
                    .doesNotContain("attempts"));
    assertThat(sleeper.waits).isEmpty();
    awaitSome(cw::tickets);
    assertThat(cw.tickets()).hasSize(1);
  }

  /**
   * Waits until {@code found} is not empty, for 30 s at most. The server applies a request that
   * then hangs on its own thread: on a loaded machine that can come after the client's timeout.
   */
  static void awaitSome(java.util.function.Supplier<? extends java.util.Collection<?>> found)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (found.get().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
