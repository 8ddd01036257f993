package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The webhook channels' rule ({@link NotifierFactory#retry}) on the one choke point. */
class ChannelRetriesTest {

  private static SimServer answering(SimResponse... answers) {
    AtomicInteger calls = new AtomicInteger();
    return SimServer.start(
        request -> answers[Math.min(calls.getAndIncrement(), answers.length - 1)]);
  }

  /** A channel's POST of {@code body}, as Teams, Slack and the webhooks send. */
  private record Channel(RetryingSender sender, RetryRule retry) {
    RetryingSender.Response post(
        URI uri,
        String contentType,
        Map<String, String> headers,
        String body,
        Predicate<RetryingSender.Response> success) {
      return sender.send(
          Request.post(uri, body).header("Content-Type", contentType).headers(headers),
          success,
          retry);
    }
  }

  private static Channel sender(Fast.RecordingSleeper sleeper, List<String> secrets) {
    return channel(Fast.options(), sleeper, secrets);
  }

  private static Channel channel(
      HttpOptions options, Fast.RecordingSleeper sleeper, List<String> secrets) {
    return new Channel(
        NotifierFactory.sender("teams", options, sleeper, secrets), NotifierFactory.retry(options));
  }

  @Test
  void throttling_is_retried_after_the_wait_retry_after_asks_for() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server =
        answering(
            SimResponse.json(429, "{}").withHeader("Retry-After", "7"), SimResponse.empty(202))) {
      RetryingSender.Response response =
          sender(sleeper, List.of())
              .post(
                  URI.create(server.baseUri() + "/hook"),
                  "application/json",
                  Map.of(),
                  "{}",
                  r -> r.status() == 202);

      assertThat(response.status()).isEqualTo(202);
      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
      assertThat(server.log().all()).hasSize(2);
    }
  }

  @Test
  void server_errors_are_retried_with_growing_backoff_and_then_given_up() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server = answering(SimResponse.json(502, "{\"message\":\"bad gateway\"}"))) {
      assertThatThrownBy(
              () ->
                  sender(sleeper, List.of())
                      .post(
                          URI.create(server.baseUri() + "/hook"),
                          "application/json",
                          Map.of(),
                          "{}",
                          r -> r.status() == 202))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
                assertThat(e.system()).isEqualTo("teams");
                assertThat(e.getMessage())
                    .startsWith("teams: HTTP 502 from 127.0.0.1:")
                    .contains("after 3 attempts")
                    .contains("bad gateway");
              });
      assertThat(server.log().all()).hasSize(3);
      assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }
  }

  @Test
  void a_wait_longer_than_the_budget_fails_at_once_with_the_asked_wait() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server =
        answering(SimResponse.json(429, "{}").withHeader("Retry-After", "3600"))) {
      assertThatThrownBy(
              () ->
                  sender(sleeper, List.of())
                      .post(
                          URI.create(server.baseUri() + "/hook"),
                          "application/json",
                          Map.of(),
                          "{}",
                          r -> r.status() == 202))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RemoteException.Kind.THROTTLED);
                assertThat(e.retryAfter()).contains(Duration.ofHours(1));
              });
      assertThat(sleeper.waits).isEmpty();
      assertThat(server.log().all()).hasSize(1);
    }
  }

  @Test
  void a_client_error_is_not_retried() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server = answering(SimResponse.json(400, "{\"message\":\"bad card\"}"))) {
      assertThatThrownBy(
              () ->
                  sender(sleeper, List.of())
                      .post(
                          URI.create(server.baseUri() + "/hook"),
                          "application/json",
                          Map.of(),
                          "{}",
                          r -> r.status() == 202))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_REQUEST));
      assertThat(server.log().all()).hasSize(1);
    }
  }

  @Test
  void a_peer_that_echoes_the_secret_path_does_not_get_it_into_the_message() {
    try (SimServer server =
        SimServer.start(
            request ->
                SimResponse.json(404, "{\"message\":\"no flow at " + request.path() + "\"}"))) {
      URI uri = URI.create(server.baseUri() + "/workflows/abc/triggers/sig-SECRET123");
      assertThatThrownBy(
              () ->
                  sender(new Fast.RecordingSleeper(), Redactor.urlSecrets(uri))
                      .post(uri, "application/json", Map.of(), "{}", r -> r.status() == 202))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain("SECRET123")
                      .doesNotContain("/workflows")
                      .contains("***"));
    }
  }

  @Test
  void a_refused_connection_is_unavailable_and_names_the_host() {
    URI closed;
    try (SimServer server = SimServer.start(request -> SimResponse.empty(200))) {
      closed = URI.create(server.baseUri() + "/hook/TOKEN-IN-PATH");
    }
    assertThatThrownBy(
            () ->
                sender(new Fast.RecordingSleeper(), Redactor.urlSecrets(closed))
                    .post(closed, "application/json", Map.of(), "{}", r -> true))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
              assertThat(e.getMessage())
                  .contains("teams: could not connect to 127.0.0.1:")
                  .doesNotContain("TOKEN-IN-PATH");
            });
  }

  @Test
  void a_request_that_gets_no_answer_in_time_is_not_sent_again() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server = answering(SimResponse.empty(202))) {
      server.faults(Faults.none().latency(Duration.ofSeconds(2)));
      Channel slow = channel(Fast.options(Duration.ofMillis(300)), sleeper, List.of());

      assertThatThrownBy(
              () ->
                  slow.post(
                      URI.create(server.baseUri() + "/hook"),
                      "application/json",
                      Map.of(),
                      "{}",
                      r -> r.status() == 202))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
                assertThat(e.getMessage())
                    .startsWith("teams: no answer within 300 ms to 127.0.0.1:")
                    .doesNotContain("attempts");
              });
      assertThat(sleeper.waits).isEmpty();
    }
  }
}
