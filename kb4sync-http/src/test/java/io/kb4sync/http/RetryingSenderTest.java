package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.RetryingSender.Naming;
import io.kb4sync.http.RetryingSender.Response;
import io.kb4sync.http.TestServer.Answer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryingSenderTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private static HttpOptions options(Duration requestTimeout) {
    return new HttpOptions(
        Duration.ofSeconds(2), requestTimeout, 3, Duration.ofMillis(10), Duration.ofSeconds(30));
  }

  /** 429 and every 5xx, also for writes; a timed-out request is not sent again (notifications). */
  private static final RetryRule THROTTLING_AND_5XX =
      options(Duration.ofSeconds(5))
          .rule(s -> s == 429 || s >= 500, s -> s == 429 || s >= 500, false);

  /** 429 and 503 only, and no timeout, as for a write that must not happen twice. */
  private static final RetryRule WRITE =
      options(Duration.ofSeconds(5)).rule(RetryRule.NOT_ACTED_ON, RetryRule.NOT_ACTED_ON, false);

  /** 429, every 5xx and timeouts for idempotent requests, as for a read. */
  private static final RetryRule READ =
      options(Duration.ofSeconds(5)).rule(s -> s == 429 || s >= 500, RetryRule.NOT_ACTED_ON, true);

  private RetryingSender sender(Naming naming, List<String> secrets, Duration requestTimeout) {
    return new RetryingSender(
        "sys", options(requestTimeout), sleeper, new Redactor(secrets), naming);
  }

  private RetryingSender sender() {
    return sender(Naming.HOST, List.of(), Duration.ofSeconds(5));
  }

  /**
   * What the server received, once it received anything (30 s at most): it records a request on its
   * own thread, which on a loaded machine can run after the client's timeout failed the call.
   */
  private static List<TestServer.Received> receivedSome(TestServer server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.received().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return server.received();
  }

  /** POSTs {} to {@code uri}, accepting 2xx. */
  private static Response post(RetryingSender sender, URI uri, RetryRule retry) {
    return sender.send(Request.post(uri, "{}"), Response::ok, retry);
  }

  /** GETs {@code uri}, accepting 2xx. */
  private static Response get(RetryingSender sender, URI uri, RetryRule retry) {
    return sender.send(Request.get(uri), Response::ok, retry);
  }

  /** What {@link #post} throws. */
  private static RemoteException postFails(RetryingSender sender, URI uri, RetryRule retry) {
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
                  Request.of("PUT", server.uri("/things/7"))
                      .headers(Map.of("Content-Type", "application/json", "X-Extra", "yes"))
                      .body("{\"name\":\"seven\"}"),
                  Response::ok,
                  THROTTLING_AND_5XX);

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
      get(sender(), server.uri("/x"), READ);

      assertThat(server.received().get(0).method()).isEqualTo("GET");
      assertThat(server.received().get(0).body()).isEmpty();
    }
  }

  @Test
  void the_success_predicate_decides_what_counts_as_an_answer() {
    try (TestServer server = TestServer.answering(Answer.of(404, "gone"))) {
      Response response =
          sender().send(Request.get(server.uri("/x")), r -> r.ok() || r.status() == 404, READ);

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

  private RetryingSender senderAt(Instant now) {
    return RetryingSender.builder("sys")
        .transport(options(Duration.ofSeconds(5)).transport())
        .sleeper(sleeper)
        .naming(Naming.HOST)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build();
  }

  @Test
  void a_retry_after_given_as_an_http_date_is_waited_out_until_that_date() {
    try (TestServer server =
        TestServer.answering(
            Answer.of(503, "").withHeader("Retry-After", "Wed, 21 Oct 2037 07:28:00 GMT"),
            Answer.of(200, ""))) {
      post(
          senderAt(Instant.parse("2037-10-21T07:27:53Z")), server.uri("/hook"), THROTTLING_AND_5XX);

      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void a_retry_after_date_beyond_the_budget_fails_at_once_carrying_the_asked_wait() {
    try (TestServer server =
        TestServer.answering(
            Answer.of(503, "").withHeader("Retry-After", "Wed, 21 Oct 2037 07:28:00 GMT"),
            Answer.of(200, ""))) {
      RemoteException e =
          postFails(
              senderAt(Instant.parse("2037-10-21T06:28:00Z")),
              server.uri("/hook"),
              THROTTLING_AND_5XX);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
      assertThat(e.retryAfter()).contains(Duration.ofHours(1));
      assertThat(sleeper.waits).isEmpty();
      assertThat(server.received()).hasSize(1);
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
      assertThat(receivedSome(server)).hasSize(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void a_timed_out_request_is_sent_again_when_the_rules_allow_it() {
    // The quick answer may itself miss the 300 ms timeout on a loaded machine: that only adds an
    // attempt (the server repeats its last answer). What matters is that the timed-out GET is sent
    // again, after the backoff, and that every attempt but the first waited for it.
    RetryingSender sender = sender(Naming.HOST, List.of(), Duration.ofMillis(300));
    try (TestServer server =
        TestServer.answering(
            Answer.of(200, "late").after(Duration.ofSeconds(3)), Answer.of(200, "quick"))) {
      Response response = get(sender, server.uri("/slow"), READ);

      assertThat(response.body()).isEqualTo("quick");
      assertThat(server.received()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(sleeper.waits)
          .hasSize(server.received().size() - 1)
          .startsWith(Duration.ofMillis(10));
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
                      Request.get(server.uri("/x")).secret("BEARER-9012"), Response::ok, READ))
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
    assertThatThrownBy(() -> RetryRule.builder().status(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("status");
  }

  // ---- the choke point's own rules (new with the merge of the HTTP copies) --------------------

  @Test
  void an_exchange_hands_back_the_last_answer_whatever_its_status_with_its_headers()
      throws Exception {
    try (TestServer server =
        TestServer.answering(Answer.of(503, "busy").withHeader("Retry-After", "2"))) {
      io.kb4sync.http.Answer answer = sender().exchange(Request.get(server.uri("/x")), READ);

      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.body()).isEqualTo("busy");
      assertThat(answer.attempts()).isEqualTo(3);
      assertThat(answer.retryAfter()).contains(Duration.ofSeconds(2));
      assertThat(answer.header("retry-after")).contains("2");
      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }
  }

  @Test
  void a_non_idempotent_request_is_retried_only_on_the_statuses_that_say_it_was_not_acted_on() {
    try (TestServer server = TestServer.answering(Answer.of(502, ""), Answer.of(201, ""))) {
      RemoteException e = postFails(sender(), server.uri("/t"), READ);

      assertThat(e.getMessage()).startsWith("sys: HTTP 502 from ");
      assertThat(server.received()).hasSize(1);
    }
    try (TestServer server = TestServer.answering(Answer.of(503, ""), Answer.of(201, ""))) {
      assertThat(post(sender(), server.uri("/t"), READ).status()).isEqualTo(201);
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void a_non_idempotent_request_that_timed_out_is_not_sent_again_even_where_reads_would_be() {
    RetryingSender sender = sender(Naming.HOST, List.of(), Duration.ofMillis(300));
    try (TestServer server =
        TestServer.answering(Answer.of(200, "").after(Duration.ofSeconds(3)))) {
      RemoteException e = postFails(sender, server.uri("/slow"), READ);

      assertThat(e.getMessage()).startsWith("sys: no answer within 300 ms to ");
      assertThat(receivedSome(server)).hasSize(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void a_request_marked_idempotent_is_retried_like_a_read_whatever_its_method() {
    // A timeout of 1 s against an answer 5 s late; the quick answer may itself miss the timeout on
    // a loaded machine, which only adds an attempt: what matters is that the POST is sent again.
    RetryingSender sender = sender(Naming.HOST, List.of(), Duration.ofSeconds(1));
    try (TestServer server =
        TestServer.answering(
            Answer.of(200, "late").after(Duration.ofSeconds(5)), Answer.of(200, "quick"))) {
      Response response =
          sender.send(
              Request.post(server.uri("/query"), "{}").idempotent(true), Response::ok, READ);

      assertThat(response.body()).isEqualTo("quick");
      assertThat(server.received()).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void a_connection_dropped_without_an_answer_is_retried_for_a_read_and_not_for_a_write() {
    try (TestServer server = TestServer.answering(Answer.dropped(), Answer.of(200, "ok"))) {
      assertThat(get(sender(), server.uri("/x"), READ).body()).isEqualTo("ok");
      assertThat(server.received()).hasSize(2);
    }
    try (TestServer server = TestServer.answering(Answer.dropped(), Answer.of(200, "ok"))) {
      RemoteException e = postFails(sender(), server.uri("/x"), READ);

      assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).startsWith("sys: connection failed to ");
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void every_attempt_passes_the_gate_and_releases_its_permit_before_the_wait() {
    List<String> events = new java.util.ArrayList<>();
    Sleeper recording =
        wait -> {
          synchronized (events) {
            events.add("wait");
          }
        };
    Gate gate =
        request -> {
          synchronized (events) {
            events.add("enter " + request.method());
          }
          return () -> {
            synchronized (events) {
              events.add("leave");
            }
          };
        };
    RetryingSender sender =
        RetryingSender.builder("sys")
            .transport(options(Duration.ofSeconds(5)).transport())
            .sleeper(recording)
            .gate(gate)
            .build();
    try (TestServer server = TestServer.answering(Answer.of(429, ""), Answer.of(200, ""))) {
      get(sender, server.uri("/x"), READ);
    }

    assertThat(events).containsExactly("enter GET", "leave", "wait", "enter GET", "leave");
  }

  @Test
  void a_gate_that_refuses_ends_the_call_with_its_own_failure() {
    RemoteException refused =
        new RemoteException(RemoteException.Kind.THROTTLED, "sys", "sys: paced too long");
    RetryingSender sender =
        RetryingSender.builder("sys")
            .sleeper(sleeper)
            .gate(
                request -> {
                  throw refused;
                })
            .build();
    try (TestServer server = TestServer.answering(Answer.of(200, ""))) {
      assertThatThrownBy(() -> get(sender, server.uri("/x"), READ)).isSameAs(refused);
      assertThat(server.received()).isEmpty();
    }
  }

  @Test
  void a_callers_own_attempt_is_repeated_while_transient_within_the_budget() {
    RemoteException busy =
        new RemoteException(
            RemoteException.Kind.UNAVAILABLE, "sys", "sys: busy", Duration.ofSeconds(4), null);
    List<Integer> attempts = new java.util.ArrayList<>();

    Attempt.Result<String> result =
        sender()
            .retrying(
                READ,
                Request.post(URI.create("https://api.example/create"), "{}"),
                attempt -> {
                  attempts.add(attempt);
                  return attempt < 3
                      ? new Attempt.Transient<>(busy, busy.retryAfter())
                      : new Attempt.Done<>("made");
                });

    assertThat(result).isEqualTo(new Attempt.Done<>("made"));
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
  }

  @Test
  void a_transient_failure_that_outlasts_the_attempts_is_handed_back() {
    RemoteException busy = new RemoteException(RemoteException.Kind.UNAVAILABLE, "sys", "busy");

    Attempt.Result<String> result =
        sender()
            .retrying(
                READ,
                Request.get(URI.create("https://api.example/x")),
                attempt -> new Attempt.Transient<>(busy, java.util.Optional.empty()));

    assertThat(result).isInstanceOf(Attempt.Transient.class);
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void each_retry_is_logged_without_secrets_at_warn_from_five_seconds_and_info_below() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RetryingSender.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    String host;
    try (TestServer server =
        TestServer.answering(
            Answer.of(429, "").withHeader("Retry-After", "5"),
            Answer.of(429, "").withHeader("Retry-After", "4"),
            Answer.of(200, ""))) {
      host = host(server);
      sender(Naming.METHOD_AND_PATH, List.of("SECRET-PATH"), Duration.ofSeconds(5))
          .send(Request.get(server.uri("/hooks/SECRET-PATH")), Response::ok, READ);
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
        .containsExactly(
            "WARN sys: HTTP 429 for GET /hooks/*** at " + host + "; retry 1 of 2 in 5000 ms",
            "INFO sys: HTTP 429 for GET /hooks/*** at " + host + "; retry 2 of 2 in 4000 ms");
  }

  @Test
  void a_transient_failure_without_a_message_is_logged_by_its_type_never_as_null() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RetryingSender.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    IllegalStateException busy = new IllegalStateException();
    try {
      sender()
          .retrying(
              READ,
              Request.get(URI.create("https://api.example/x")),
              attempt -> new Attempt.Transient<String>(busy, java.util.Optional.empty()));
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("sys: IllegalStateException; retry "));
  }

  @Test
  void waits_of_five_seconds_or_more_are_told_at_warn_and_shorter_ones_at_info() {
    RetryRule rule = RetryRule.builder().build();

    assertThat(rule.warns(Duration.ofSeconds(5))).isTrue();
    assertThat(rule.warns(Duration.ofMillis(4999))).isFalse();
  }
}
