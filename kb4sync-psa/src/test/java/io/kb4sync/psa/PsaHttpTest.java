package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.ClientCredentialsGrant;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PsaHttpTest {
  private final Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();

  private static SimServer answering(SimResponse... answers) {
    AtomicInteger calls = new AtomicInteger();
    return SimServer.start(
        request -> answers[Math.min(calls.getAndIncrement(), answers.length - 1)]);
  }

  private PsaHttp http(boolean retryConflicts) {
    return new PsaHttp("Autotask", Fast.options(), sleeper, retryConflicts, List.of("sec-ret-1"));
  }

  private static URI tickets(SimServer server) {
    return URI.create(server.baseUri() + "/v1.0/Tickets");
  }

  @Test
  void a_write_is_retried_on_503_which_says_it_was_not_handled() {
    try (SimServer server = answering(SimResponse.empty(503), SimResponse.json(200, "{}"))) {
      RetryingSender.Response response =
          http(false).send("POST", tickets(server), Map.of(), "{}", false, Set.of());

      assertThat(response.status()).isEqualTo(200);
      assertThat(server.log().all()).hasSize(2);
    }
  }

  @Test
  void a_write_is_not_retried_on_another_5xx_since_it_may_have_happened() {
    try (SimServer server = answering(SimResponse.json(500, "{}"), SimResponse.json(200, "{}"))) {
      assertThatThrownBy(
              () -> http(false).send("POST", tickets(server), Map.of(), "{}", false, Set.of()))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE));
      assertThat(server.log().all()).hasSize(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void a_read_is_retried_on_any_5xx() {
    try (SimServer server = answering(SimResponse.json(500, "{}"), SimResponse.json(200, "[]"))) {
      RetryingSender.Response response =
          http(false).send("GET", tickets(server), Map.of(), null, true, Set.of());

      assertThat(response.body()).isEqualTo("[]");
      assertThat(server.log().all()).hasSize(2);
    }
  }

  @Test
  void a_locked_entity_409_is_retried_only_where_conflicts_are_retryable() {
    try (SimServer server = answering(SimResponse.json(409, "{}"), SimResponse.json(200, "{}"))) {
      http(true).send("POST", tickets(server), Map.of(), "{}", false, Set.of());

      assertThat(server.log().all()).hasSize(2);
    }
    try (SimServer server = answering(SimResponse.json(409, "{}"), SimResponse.json(200, "{}"))) {
      assertThatThrownBy(
              () -> http(false).send("POST", tickets(server), Map.of(), "{}", false, Set.of()))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.CONFLICT));
      assertThat(server.log().all()).hasSize(1);
    }
  }

  @Test
  void a_status_in_also_accept_comes_back_as_an_answer() {
    try (SimServer server = answering(SimResponse.json(404, "{}"))) {
      RetryingSender.Response response =
          http(false).send("GET", tickets(server), Map.of(), null, true, Set.of(404));

      assertThat(response.status()).isEqualTo(404);
    }
  }

  @Test
  void a_failure_names_the_psa_the_method_the_path_and_the_host_but_no_secret() {
    try (SimServer server = answering(SimResponse.json(400, "{\"echo\":\"sec-ret-1\"}"))) {
      assertThatThrownBy(
              () -> http(false).send("POST", tickets(server), Map.of(), "{}", false, Set.of()))
          .hasMessage(
              "Autotask: HTTP 400 for POST /v1.0/Tickets at "
                  + server.baseUri().getHost()
                  + ":"
                  + server.baseUri().getPort()
                  + ": {\"echo\":\"***\"}");
    }
  }

  @Test
  void a_body_that_is_not_json_is_a_bad_response_of_the_psa() {
    assertThatThrownBy(() -> http(false).json("<html>sec-ret-1</html>"))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
              assertThat(e.system()).isEqualTo("Autotask");
              assertThat(e).hasMessage("Autotask: the answer is not JSON");
            });
    assertThatThrownBy(() -> http(false).json("")).hasMessage("Autotask: the answer is not JSON");
    assertThatThrownBy(() -> http(false).json(null)).hasMessage("Autotask: the answer is not JSON");
    assertThat(http(false).json("{\"id\":3}").path("id").asInt()).isEqualTo(3);
  }

  @Test
  void a_secret_learnt_later_is_kept_out_of_messages() {
    PsaHttp http = http(false);
    http.addSecret("bearer-token-42");

    assertThat(http.error(RemoteException.Kind.BAD_RESPONSE, "got bearer-token-42 back"))
        .hasMessage("Autotask: got *** back");
  }

  @Test
  void a_token_request_changes_nothing_and_is_retried_like_a_read() {
    try (SimServer server =
        answering(
            SimResponse.json(500, "{}"),
            SimResponse.json(200, "{\"access_token\":\"tok\",\"expires_in\":3600}"))) {
      RetryingSender.Response response =
          http(false)
              .send(
                  ClientCredentialsGrant.request(
                      URI.create(server.baseUri() + "/auth/token"),
                      "app",
                      "all",
                      ClientCredentialsGrant.secret("sec-ret-1")),
                  Set.of());

      assertThat(response.status()).isEqualTo(200);
      assertThat(server.log().all()).hasSize(2);
    }
  }
}
