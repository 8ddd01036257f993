package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.TokenCache;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator.Channel;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator.Post;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphMailNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "graph-client-secret-XYZ";
  private final WebhookReceiverSimulator graph =
      WebhookReceiverSimulator.start("msp.example", "app-id", SECRET);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void stop() {
    graph.close();
  }

  private GraphMailSettings settings(String secret) {
    return new GraphMailSettings(
        "msp.example", "app-id", secret, "alerts@msp.example", graph.graphUrl(), graph.loginUrl());
  }

  /** A token client with a cache of its own: no test sees another's token. */
  private ClientCredentialsToken token(GraphMailSettings settings) {
    return new ClientCredentialsToken(
        settings, Fast.options(), clock, new Fast.RecordingSleeper(), new TokenCache());
  }

  private static Notification notification() {
    return ReportNotifications.compose(
        TestReports.quiet().error("a@acme.example", "create", "409 userName taken").build(),
        List.of("it@acme.example", "IT@acme.example"),
        20,
        "{}");
  }

  @Test
  void send_mail_posts_the_documented_json_with_an_app_only_bearer_token() throws Exception {
    GraphMailSettings settings = settings(SECRET);
    Notification n = notification();
    GraphMailNotifier notifier =
        new GraphMailNotifier(
            settings, token(settings), List.of("noc@msp.example"), Fast.options());

    notifier.send(n);

    List<Post> mails = graph.posts(Channel.GRAPH_MAIL);
    assertThat(mails).hasSize(1);
    Post mail = mails.get(0);
    assertThat(mail.status()).isEqualTo(202);
    assertThat(mail.path()).isEqualTo("/v1.0/users/alerts@msp.example/sendMail");
    assertThat(mail.headers().get("authorization")).isEqualTo("Bearer " + graph.accessToken());
    assertThat(mail.headers().get("content-type")).startsWith("application/json");
    ObjectNode expected = JSON.createObjectNode();
    ObjectNode message = expected.putObject("message");
    message.put("subject", n.title());
    message
        .putObject("body")
        .put("contentType", "HTML")
        .put("content", new EmailRenderer().html(n));
    var to = message.putArray("toRecipients");
    // The company's recipients, de-duplicated case-insensitively, then the configured extras.
    to.addObject().putObject("emailAddress").put("address", "it@acme.example");
    to.addObject().putObject("emailAddress").put("address", "noc@msp.example");
    expected.put("saveToSentItems", false);
    assertThat(mail.json()).isEqualTo(expected);
  }

  @Test
  void the_token_comes_from_the_client_credentials_grant_and_is_cached() {
    GraphMailSettings settings = settings(SECRET);
    GraphMailNotifier notifier =
        new GraphMailNotifier(settings, token(settings), List.of(), Fast.options());

    notifier.send(notification());
    notifier.send(notification());

    List<Post> tokens = graph.posts(Channel.GRAPH_TOKEN);
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0).path()).isEqualTo("/login/msp.example/oauth2/v2.0/token");
    Map<String, List<String>> form = SimServer.parseQuery(tokens.get(0).body());
    assertThat(form.get("grant_type")).containsExactly("client_credentials");
    assertThat(form.get("client_id")).containsExactly("app-id");
    assertThat(form.get("scope")).containsExactly(graph.graphUrl() + "/.default");
    assertThat(graph.posts(Channel.GRAPH_MAIL)).hasSize(2);
  }

  @Test
  void a_rejected_client_secret_fails_without_the_secret_in_the_message() {
    GraphMailSettings settings = settings("wrong-secret-ABC");
    GraphMailNotifier notifier =
        new GraphMailNotifier(settings, token(settings), List.of(), Fast.options());

    assertThatThrownBy(() -> notifier.send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage())
                  .startsWith("email (graph) token: HTTP 401 from 127.0.0.1:")
                  .doesNotContain("wrong-secret-ABC");
            });
    assertThat(graph.posts(Channel.GRAPH_MAIL)).isEmpty();
  }

  @Test
  void a_rejected_token_fails_without_the_token_in_the_message() {
    GraphMailNotifier notifier =
        new GraphMailNotifier(
            settings(SECRET), () -> "stale-token-0123456789", List.of(), Fast.options());

    assertThatThrownBy(() -> notifier.send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAUTHORIZED);
              assertThat(e.getMessage())
                  .startsWith("email (graph): HTTP 401 from 127.0.0.1:")
                  .contains("InvalidAuthenticationToken")
                  .doesNotContain("stale-token-0123456789");
            });
  }

  @Test
  void no_recipients_is_a_clear_failure_before_any_request() {
    GraphMailNotifier notifier =
        new GraphMailNotifier(settings(SECRET), () -> "unused", List.of(), Fast.options());
    Notification n =
        ReportNotifications.compose(TestReports.quiet().failed("x").build(), List.of(), 20, "{}");

    assertThatThrownBy(() -> notifier.send(n))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("no recipients")
        .hasMessageContaining("knowbe4_notification_recipients");
    assertThat(graph.posts()).isEmpty();
  }

  @Test
  void plain_http_is_refused_for_a_graph_url_that_is_not_loopback() {
    GraphMailSettings settings =
        new GraphMailSettings(
            "msp.example",
            "app-id",
            SECRET,
            "alerts@msp.example",
            "http://graph.example.com",
            null);

    assertThatThrownBy(() -> new GraphMailNotifier(settings, () -> "t", List.of(), Fast.options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "notifications.email.graph.graph_url: must use https (plain http is accepted only for"
                + " loopback hosts)");
  }

  @Test
  void the_payload_parses_as_json_with_a_single_html_body() throws Exception {
    GraphMailNotifier notifier =
        new GraphMailNotifier(settings(SECRET), () -> "t", List.of(), Fast.options());
    JsonNode payload = JSON.readTree(notifier.payload(notification(), List.of("a@b.example")));
    assertThat(payload.path("message").path("body").path("content").asText())
        .startsWith("<!DOCTYPE html>");
  }

  // ---- sendMail is not idempotent (issue 12 item 8), and Entra's token endpoint rule ----------

  /** A Graph whose sendMail gives the n-th request the n-th answer, repeating the last. */
  private static SimServer graphAnswering(SimResponse... answers) {
    AtomicInteger calls = new AtomicInteger();
    return SimServer.start(
        request -> answers[Math.min(calls.getAndIncrement(), answers.length - 1)]);
  }

  private static GraphMailNotifier sendMail(SimServer server, Fast.RecordingSleeper sleeper) {
    return sendMail(server, sleeper, Fast.options());
  }

  private static GraphMailNotifier sendMail(
      SimServer server, Fast.RecordingSleeper sleeper, io.kb4sync.http.HttpOptions options) {
    GraphMailSettings settings =
        new GraphMailSettings(
            "msp.example",
            "app-id",
            SECRET,
            "alerts@msp.example",
            server.baseUri().toString(),
            server.baseUri().toString());
    return new GraphMailNotifier(settings, () -> "token", List.of(), options, sleeper);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void send_mail_answered_with_another_5xx_is_not_sent_again(int status) {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server =
        graphAnswering(SimResponse.json(status, "{}"), SimResponse.empty(202))) {
      assertThatThrownBy(() -> sendMail(server, sleeper).send(notification()))
          .isInstanceOfSatisfying(
              RemoteException.class,
              e -> assertThat(e.kind()).isEqualTo(RemoteException.Kind.UNAVAILABLE));
      assertThat(server.log().all()).hasSize(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void send_mail_throttled_or_not_served_is_sent_again(int status) {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server =
        graphAnswering(
            SimResponse.json(status, "{}").withHeader("Retry-After", "2"),
            SimResponse.empty(202))) {
      sendMail(server, sleeper).send(notification());

      assertThat(server.log().all()).hasSize(2);
      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
    }
  }

  @Test
  void send_mail_that_timed_out_is_not_sent_again() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    try (SimServer server = graphAnswering(SimResponse.empty(202))) {
      server.faults(Faults.none().latency(Duration.ofSeconds(2)));

      assertThatThrownBy(
              () ->
                  sendMail(server, sleeper, Fast.options(Duration.ofMillis(300)))
                      .send(notification()))
          .hasMessageStartingWith("email (graph): no answer within 300 ms to ");
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void send_mail_that_could_not_connect_is_tried_again() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    SimServer closed = graphAnswering(SimResponse.empty(202));
    closed.close();

    assertThatThrownBy(() -> sendMail(closed, sleeper).send(notification()))
        .hasMessageStartingWith("email (graph): could not connect to ")
        .hasMessageContaining("after 3 attempts");
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void the_token_request_is_retried_on_503_and_504_but_not_on_500() {
    Fast.RecordingSleeper sleeper = new Fast.RecordingSleeper();
    String token = "{\"access_token\":\"t-0123456789\",\"expires_in\":3599}";
    try (SimServer server =
        graphAnswering(
            SimResponse.json(503, "{}"),
            SimResponse.json(504, "{}"),
            SimResponse.json(200, token))) {
      GraphMailSettings settings =
          new GraphMailSettings(
              "msp.example", "app-id", SECRET, "a@msp.example", null, server.baseUri().toString());

      assertThat(
              new ClientCredentialsToken(settings, Fast.options(), clock, sleeper, new TokenCache())
                  .get())
          .isEqualTo("t-0123456789");
      assertThat(server.log().all()).hasSize(3);
    }
    try (SimServer server =
        graphAnswering(SimResponse.json(500, "{}"), SimResponse.json(200, token))) {
      GraphMailSettings settings =
          new GraphMailSettings(
              "msp.example", "app-id", SECRET, "a@msp.example", null, server.baseUri().toString());

      assertThatThrownBy(
              () ->
                  new ClientCredentialsToken(
                          settings, Fast.options(), clock, sleeper, new TokenCache())
                      .get())
          .hasMessageStartingWith("email (graph) token: HTTP 500 from ")
          .hasMessageNotContaining(SECRET);
      assertThat(server.log().all()).hasSize(1);
    }
  }
}
