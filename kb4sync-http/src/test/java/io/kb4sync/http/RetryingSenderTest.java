package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.RetryingSender.Naming;
import io.kb4sync.http.RetryingSender.Response;
import io.kb4sync.http.TestServer.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryingSenderTest {
  /** 429 and every 5xx; a timed-out request is not sent again (as notifications do). */
  private static final RetryRules THROTTLING_AND_5XX =
      new RetryRules(status -> status == 429 || status >= 500, false);

  /** 429 and 503 only, and no timeout, as for a write that must not happen twice. */
  private static final RetryRules WRITE = new RetryRules(s -> s == 429 || s == 503, false);

  /** 429, every 5xx and timeouts, as for a read. */
  private static final RetryRules READ = new RetryRules(s -> s == 429 || s >= 500, true);

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private static HttpOptions options(Duration requestTimeout) {
    return new HttpOptions(
        Duration.ofSeconds(2), requestTimeout, 3, Duration.ofMillis(10), Duration.ofSeconds(30));
  }

  private RetryingSender sender(Naming naming, List<String> secrets, Duration requestTimeout) {
    return new RetryingSender(
        "sys", options(requestTimeout), sleeper, new Redactor(secrets), naming);
  }

  private RetryingSender sender() {
    return sender(Naming.HOST, List.of(), Duration.ofSeconds(5));
  }

  /** POSTs {} to {@code uri}, accepting 2xx. */
  private static Response post(RetryingSender sender, URI uri, RetryRules retry) {
    return sender.send("POST", uri, Map.of(), "{}", Response::ok, retry, List.of());
  }

  /** What {@link #post} throws. */
  private static RemoteException postFails(RetryingSender sender, URI uri, RetryRules retry) {
    Throwable thrown = catchThrowable(() -> post(sender, uri, retry));
    assertThat(thrown).isInstanceOf(RemoteException.class);
    return (RemoteException) thrown;
  }

  private static String host(TestServer server) {
    return Urls.hostOf(server.uri("/"));
  }

  @Test
  void an_accepted_answer_comes_back_from_one_request_with_method_headers_body_and_user_agent() {
    try (TestServer server = TestServer.answering(Answer.of(201, "{\"id\":7}"))) {
      Response response =
          sender()
              .send(
                  "PUT",
                  server.uri("/things/7"),
                  Map.of("Content-Type", "application/json", "X-Extra", "yes"),
                  "{\"name\":\"seven\"}",
                  Response::ok,
                  THROTTLING_AND_5XX,
                  List.of());

      assertThat(response).isEqualTo(new Response(201, "{\"id\":7}"));
      assertThat(server.received()).hasSize(1);
      TestServer.Received request = server.received().get(0);
      assertThat(request.method()).isEqualTo("PUT");
      assertThat(request.path()).isEqualTo("/things/7");
      assertThat(request.body()).isEqualTo("{\"name\":\"seven\"}");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("X-Extra")).isEqualTo("yes");
      assertThat(request.header("User-Agent")).isEqualTo("kb4sync");
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void a_request_without_a_body_sends_none() {
    try (TestServer server = TestServer.answering(Answer.of(200, "ok"))) {
      sender().send("GET", server.uri("/x"), Map.of(), null, Response::ok, READ, List.of());

      assertThat(server.received().get(0).method()).isEqualTo("GET");
      assertThat(server.received().get(0).body()).isEmpty();
    }
  }

  @Test
  void the_success_predicate_decides_what_counts_as_an_answer() {
    try (TestServer server = TestServer.answering(Answer.of(404, "gone"))) {
      Response response =
          sender()
              .send(
                  "GET",
                  server.uri("/x"),
                  Map.of(),
                  null,
                  r -> r.ok() || r.status() == 404,
                  READ,
                  List.of());

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.ok()).isFalse();
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void throttling_is_retried_after_the_wait_retry_after_asks_for() {
    try (TestServer server =
        TestServer.answering(
            Answer.of(429, "{}").withHeader("Retry-After", "7"), Answer.of(202, ""))) {
      Response response = post(sender(), server.uri("/hook"), THROTTLING_AND_5XX);

      assertThat(response.status()).isEqualTo(202);
      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void a_retry_after_given_as_a_date_falls_back_to_the_backoff() {
    try (TestServer server =
        TestServer.answering(
            Answer.of(503, "").withHeader("Retry-After", "Wed, 21 Oct 2037 07:28:00 GMT"),
            Answer.of(200, ""))) {
      post(sender(), server.uri("/hook"), THROTTLING_AND_5XX);

      assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10));
    }
  }

  @Test
  void retried_statuses_back_off_exponentially_then_fail_counting_the_attempts() {
    try (TestServer server =
        TestServer.answering(Answer.of(502, "{\"message\":\"bad gateway\"}"))) {
      RemoteException e = postFails(sender(), server.uri("/hook"), THROTTLING_AND_5XX);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
      assertThat(e.system()).isEqualTo("sys");
      assertThat(e.getMessage())
          .isEqualTo(
              "sys: HTTP 502 from "
                  + host(server)
                  + " after 3 attempts: {\"message\":\"bad gateway\"}");
      assertThat(server.received()).hasSize(3);
      assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }
  }

  @Test
  void a_status_the_rules_do_not_name_is_not_retried() {
    try (TestServer server = TestServer.answering(Answer.of(500, "oops"), Answer.of(200, ""))) {
      RemoteException e = postFails(sender(), server.uri("/t"), WRITE);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).isEqualTo("sys: HTTP 500 from " + host(server) + ": oops");
      assertThat(server.received()).hasSize(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void a_status_the_rules_name_is_retried_even_for_a_write() {
    try (TestServer server = TestServer.answering(Answer.of(503, ""), Answer.of(201, "{}"))) {
      Response response = post(sender(), server.uri("/t"), WRITE);

      assertThat(response.status()).isEqualTo(201);
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void a_wait_longer_than_the_budget_fails_at_once_carrying_the_asked_wait() {
    try (TestServer server =
        TestServer.answering(Answer.of(429, "{}").withHeader("Retry-After", "3600"))) {
      RemoteException e = postFails(sender(), server.uri("/hook"), THROTTLING_AND_5XX);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.THROTTLED);
      assertThat(e.retryAfter()).contains(Duration.ofHours(1));
      assertThat(sleeper.waits).isEmpty();
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void each_client_error_status_maps_to_its_kind_and_is_not_retried() {
    Map<Integer, RemoteException.Kind> kinds =
        Map.of(
            400, RemoteException.Kind.BAD_REQUEST,
            401, RemoteException.Kind.UNAUTHORIZED,
            403, RemoteException.Kind.FORBIDDEN,
            404, RemoteException.Kind.NOT_FOUND,
            409, RemoteException.Kind.CONFLICT,
            422, RemoteException.Kind.BAD_REQUEST);
    kinds.forEach(
        (status, kind) -> {
          try (TestServer server = TestServer.answering(Answer.of(status, ""))) {
            RemoteException e = postFails(sender(), server.uri("/x"), READ);

            assertThat(e.kind()).as("HTTP %s", status).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo("sys: HTTP " + status + " from " + host(server));
            assertThat(server.received()).hasSize(1);
          }
        });
  }

  @Test
  void a_redirect_is_not_followed_and_is_a_bad_response() {
    try (TestServer server =
        TestServer.answering(
            Answer.of(302, "").withHeader("Location", "https://elsewhere.example/"))) {
      RemoteException e = postFails(sender(), server.uri("/x"), READ);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void method_and_path_naming_says_which_request_failed() {
    try (TestServer server = TestServer.answering(Answer.of(401, "no"))) {
      RetryingSender sender = sender(Naming.METHOD_AND_PATH, List.of(), Duration.ofSeconds(5));

      RemoteException e = postFails(sender, server.uri("/v1.0/Tickets/query?x=1"), WRITE);

      assertThat(e)
          .hasMessage("sys: HTTP 401 for POST /v1.0/Tickets/query at " + host(server) + ": no");
    }
  }

  @Test
  void a_timed_out_request_is_not_sent_again_unless_the_rules_allow_it() {
    RetryingSender sender = sender(Naming.HOST, List.of(), Duration.ofMillis(300));
    try (TestServer server =
        TestServer.answering(Answer.of(200, "").after(Duration.ofSeconds(3)))) {
      RemoteException e = postFails(sender, server.uri("/slow"), WRITE);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
      assertThat(e.getMessage())
          .isEqualTo("sys: no answer within 300 ms to " + host(server) + " (HttpTimeoutException)");
      assertThat(server.received()).hasSize(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void a_timed_out_request_is_sent_again_when_the_rules_allow_it() {
    RetryingSender sender = sender(Naming.HOST, List.of(), Duration.ofMillis(300));
    try (TestServer server =
        TestServer.answering(
            Answer.of(200, "late").after(Duration.ofSeconds(3)), Answer.of(200, "quick"))) {
      Response response = post(sender, server.uri("/slow"), READ);

      assertThat(response.body()).isEqualTo("quick");
      assertThat(server.received()).hasSize(2);
      assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10));
    }
  }

  @Test
  void a_refused_connection_is_retried_then_unavailable_naming_the_host_but_not_the_path() {
    URI closed = TestServer.closedPort("/hook/TOKEN-IN-PATH");
    RetryingSender sender =
        sender(Naming.METHOD_AND_PATH, Redactor.urlSecrets(closed), Duration.ofSeconds(5));

    RemoteException e = postFails(sender, closed, WRITE);

    assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "sys: could not connect to "
                + Urls.hostOf(closed)
                + " after 3 attempts (ConnectException)")
        .doesNotContain("TOKEN-IN-PATH");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void secrets_in_the_answer_are_redacted_including_added_and_per_request_ones() {
    try (TestServer server =
        TestServer.answering(
            Answer.of(400, "key KEY-1234 token TOKEN-5678 bearer BEARER-9012 ok"))) {
      RetryingSender sender = sender(Naming.HOST, List.of("KEY-1234"), Duration.ofSeconds(5));
      sender.addSecret("TOKEN-5678");

      assertThatThrownBy(
              () ->
                  sender.send(
                      "GET",
                      server.uri("/x"),
                      Map.of(),
                      null,
                      Response::ok,
                      READ,
                      List.of("BEARER-9012")))
          .hasMessage("sys: HTTP 400 from " + host(server) + ": key *** token *** bearer *** ok");
      // The per-request secret is not kept for later messages; the added one is.
      assertThat(sender.error(RemoteException.Kind.BAD_RESPONSE, "BEARER-9012 TOKEN-5678"))
          .hasMessage("sys: BEARER-9012 ***");
    }
  }

  @Test
  void a_long_answer_is_cut_to_one_short_line() {
    String body = "line one\n\n   line two " + "x".repeat(500);
    try (TestServer server = TestServer.answering(Answer.of(400, body))) {
      RemoteException e = postFails(sender(), server.uri("/x"), READ);

      String prefix = "sys: HTTP 400 from " + host(server) + ": ";
      assertThat(e.getMessage())
          .startsWith(prefix + "line one line two xxx")
          .doesNotContain("\n")
          .hasSize(prefix.length() + 200 + 1)
          .endsWith("x…");
    }
  }

  @Test
  void an_interrupted_wait_gives_up_as_unavailable_and_keeps_the_interrupt() {
    Sleeper interrupted =
        duration -> {
          throw new InterruptedException();
        };
    RetryingSender sender =
        new RetryingSender(
            "sys",
            options(Duration.ofSeconds(5)),
            interrupted,
            new Redactor(List.of()),
            Naming.HOST);
    try (TestServer server = TestServer.answering(Answer.of(503, ""))) {
      RemoteException e = postFails(sender, server.uri("/x"), THROTTLING_AND_5XX);

      assertThat(Thread.interrupted()).isTrue();
      assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
      assertThat(e.getMessage())
          .isEqualTo(
              "sys: interrupted while waiting to retry to "
                  + host(server)
                  + " (InterruptedException)");
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void an_error_is_one_line_of_the_system_without_its_secrets() {
    RetryingSender sender =
        sender(Naming.METHOD_AND_PATH, List.of("s3cr3t-value"), Duration.ofSeconds(5));

    RemoteException e =
        sender.error(RemoteException.Kind.BAD_RESPONSE, "the answer\nechoed s3cr3t-value");

    assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
    assertThat(e.system()).isEqualTo("sys");
    assertThat(e).hasMessage("sys: the answer echoed ***");
  }

  @Test
  void durations_read_in_seconds_when_whole_and_in_milliseconds_otherwise() {
    assertThat(RetryingSender.human(Duration.ofSeconds(15))).isEqualTo("15 s");
    assertThat(RetryingSender.human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
  }

  @Test
  void retry_rules_need_a_status_rule() {
    assertThatThrownBy(() -> new RetryRules(null, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("status");
  }
}
