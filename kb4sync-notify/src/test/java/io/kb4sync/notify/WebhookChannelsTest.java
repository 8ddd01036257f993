package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator.Channel;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator.Post;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebhookReceiverSimulator receiver = WebhookReceiverSimulator.start();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static Notification notification() {
    return ReportNotifications.compose(
        TestReports.quiet()
            .created("a@acme.example", "Ann", "Lee")
            .archived("old@acme.example")
            .build(),
        List.of("it@acme.example"),
        20,
        REPORT_JSON);
  }

  /** The report as the caller printed it; the webhook carries it as it is. */
  private static final String REPORT_JSON =
      "{\"users_created\": [{\"email\": \"a@acme.example\"}], \"exit_code\": 0}";

  private static List<String> keys(JsonNode node) {
    List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void teams_gets_a_message_with_one_adaptive_card_of_the_documented_shape() throws Exception {
    Notification n = notification();

    new TeamsNotifier(new TeamsSettings(receiver.teamsUrl()), Fast.options()).send(n);

    List<Post> posts = receiver.posts(Channel.TEAMS);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).status()).isEqualTo(202);
    assertThat(posts.get(0).headers().get("content-type")).startsWith("application/json");
    JsonNode body = posts.get(0).json();
    assertThat(keys(body)).containsExactly("type", "attachments");
    assertThat(body.path("type").asText()).isEqualTo("message");
    assertThat(body.path("attachments")).hasSize(1);
    JsonNode attachment = body.path("attachments").path(0);
    assertThat(attachment.path("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(attachment.has("contentUrl")).isTrue();
    assertThat(attachment.path("contentUrl").isNull()).isTrue();
    assertThat(keys(attachment)).containsExactly("contentType", "contentUrl", "content");
    JsonNode card = attachment.path("content");
    assertThat(keys(card)).containsExactly("$schema", "type", "version", "body");
    assertThat(card.path("$schema").asText())
        .isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
    assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("version").asText()).isEqualTo("1.4");
    JsonNode elements = card.path("body");
    for (JsonNode element : elements) {
      assertThat(element.path("type").asText()).isEqualTo("RichTextBlock");
      for (JsonNode inline : element.path("inlines")) {
        assertThat(inline.path("type").asText()).isEqualTo("TextRun");
      }
    }
    JsonNode title = elements.path(0).path("inlines").path(0);
    assertThat(title.path("text").asText()).isEqualTo(n.title());
    assertThat(title.path("weight").asText()).isEqualTo("Bolder");
    assertThat(title.path("size").asText()).isEqualTo("Medium");
    assertThat(elements.path(1).path("inlines"))
        .isEqualTo(
            json(
                "[{\"type\":\"TextRun\",\"text\":\"Company: \",\"weight\":\"Bolder\"},"
                    + "{\"type\":\"TextRun\",\"text\":\"Acme Corp\"}]"));
    assertThat(elements.findValuesAsText("text"))
        .contains("Created: ", "Archived: ", "Memberships added: ");
  }

  @Test
  void teams_shows_sections_and_the_consent_command() throws Exception {
    Notification n =
        ReportNotifications.compose(
            TestReports.quiet().staged(6, TestReports.MASS_GUARD).build(), List.of(), 2, "{}");

    String payload = TeamsNotifier.payload(n);

    JsonNode body = json(payload).path("attachments").path(0).path("content").path("body");
    List<String> texts = body.findValuesAsText("text");
    assertThat(texts).contains(n.consentCommand(), "Archives held back", "and 4 more");
  }

  /** A Report whose directory values are Markdown, Slack mentions and HTML. */
  private static Notification hostile() {
    return ReportNotifications.compose(
        TestReports.quiet()
            .created("eve@acme.example", "<!channel>", "*bold* <@U024BE7LH>")
            .updated("mallory@acme.example", "department", "Sales", "[Reset](https://evil.example)")
            .build(),
        List.of(),
        20,
        "{}");
  }

  @Test
  void teams_shows_markdown_links_and_mentions_from_the_directory_as_plain_text_runs()
      throws Exception {
    new TeamsNotifier(new TeamsSettings(receiver.teamsUrl()), Fast.options()).send(hostile());

    JsonNode body =
        receiver.posts(Channel.TEAMS).get(0).json().path("attachments").path(0).path("content");
    List<JsonNode> runs = new java.util.ArrayList<>();
    for (JsonNode element : body.path("body")) {
      assertThat(element.path("type").asText()).as("%s", element).isEqualTo("RichTextBlock");
      element.path("inlines").forEach(runs::add);
    }
    assertThat(runs).allSatisfy(r -> assertThat(r.path("type").asText()).isEqualTo("TextRun"));
    List<String> texts = runs.stream().map(r -> r.path("text").asText()).toList();
    assertThat(texts)
        .anySatisfy(t -> assertThat(t).contains("'[Reset](https://evil.example)'"))
        .anySatisfy(t -> assertThat(t).contains("<!channel> *bold* <@U024BE7LH>"));
    assertThat(body.toString()).doesNotContain("\"TextBlock\"").doesNotContain("FactSet");
  }

  @Test
  void slack_gets_a_text_fallback_a_header_and_plain_text_sections_and_ok_is_success()
      throws Exception {
    Notification n = notification();

    new SlackNotifier(new SlackSettings(receiver.slackUrl()), Fast.options()).send(n);

    List<Post> posts = receiver.posts(Channel.SLACK);
    assertThat(posts).hasSize(1);
    JsonNode body = posts.get(0).json();
    assertThat(body.path("text").asText()).isEqualTo(n.title());
    assertThat(body.path("blocks").path(0))
        .isEqualTo(
            json(
                "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\""
                    + n.title()
                    + "\",\"emoji\":false}}"));
    for (JsonNode block : body.path("blocks")) {
      assertThat(block.path("text").path("type").asText()).isEqualTo("plain_text");
    }
    assertThat(body.path("blocks").path(1).path("text").path("text").asText())
        .contains("Created: 1");
  }

  @Test
  void slack_shows_mentions_and_markdown_from_the_directory_as_plain_text() throws Exception {
    new SlackNotifier(new SlackSettings(receiver.slackUrl()), Fast.options()).send(hostile());

    JsonNode body = receiver.posts(Channel.SLACK).get(0).json();
    List<String> texts = new java.util.ArrayList<>();
    for (JsonNode block : body.path("blocks")) {
      assertThat(block.path("text").path("type").asText()).as("%s", block).isEqualTo("plain_text");
      assertThat(block.path("text").path("emoji").asBoolean(true)).isFalse();
      texts.add(block.path("text").path("text").asText());
    }
    assertThat(String.join("\n", texts))
        .contains("eve@acme.example (<!channel> *bold* <@U024BE7LH>, Sales)")
        .contains("'[Reset](https://evil.example)'");
    assertThat(body.toString()).doesNotContain("mrkdwn");
  }

  @Test
  void slack_escapes_its_control_characters_in_the_text_fallback_only() throws Exception {
    Notification n =
        new Notification(
            "1001",
            "<!channel> & co",
            "sync",
            Notification.Severity.INFO,
            "KnowBe4 sync: <!channel> & co",
            List.of(),
            List.of(),
            null,
            "{}",
            List.of());

    JsonNode payload = json(SlackNotifier.payload(n));

    assertThat(payload.path("text").asText()).isEqualTo("KnowBe4 sync: &lt;!channel&gt; &amp; co");
    assertThat(payload.path("blocks").path(0).path("text").path("text").asText())
        .isEqualTo("KnowBe4 sync: <!channel> & co");
  }

  @Test
  void slack_answering_200_with_anything_but_ok_is_a_failure_without_the_webhook_secret() {
    receiver.slackReply(200, "no_service");

    assertThatThrownBy(
            () ->
                new SlackNotifier(new SlackSettings(receiver.slackUrl()), Fast.options())
                    .send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
              assertThat(e.getMessage())
                  .startsWith("slack: HTTP 200 from 127.0.0.1:")
                  .contains("no_service")
                  .doesNotContain("SLACKSECRET")
                  .doesNotContain("/services/");
            });
  }

  private static final java.time.Clock CLOCK =
      java.time.Clock.fixed(
          java.time.Instant.parse("2026-11-30T08:00:00Z"), java.time.ZoneOffset.UTC);

  /** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
  private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwC8mXnvS6qYk=";

  private WebhookNotifier webhook(String url, String secret, int index) {
    return new WebhookNotifier(
        new WebhookSettings(url, secret), index, Fast.options(), duration -> {}, CLOCK);
  }

  /** The receiver's side, written from the spec: HMAC-SHA256 of "id.timestamp.body", base64. */
  private static String expectedSignature(byte[] key, Post post) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String signed =
        post.headers().get("webhook-id")
            + "."
            + post.headers().get("webhook-timestamp")
            + "."
            + post.body();
    return "v1,"
        + java.util.Base64.getEncoder()
            .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  private static String legacySignature(String secret, Post post) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256="
        + HexFormat.of().formatHex(mac.doFinal(post.body().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void the_standard_webhooks_signature_matches_the_example_of_its_reference_libraries() {
    assertThat(
            WebhookNotifier.standardSignature(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void a_webhook_is_signed_the_standard_webhooks_way_with_a_whsec_secret() throws Exception {
    Notification n = notification();

    webhook(receiver.webhookUrl(), WHSEC, 0).send(n);

    Post post = receiver.posts(Channel.WEBHOOK).get(0);
    assertThat(post.headers().get("webhook-id")).matches("msg_[A-Za-z0-9_-]{22}");
    assertThat(post.headers().get("webhook-timestamp")).isEqualTo("1796025600");
    byte[] key = java.util.Base64.getDecoder().decode(WHSEC.substring("whsec_".length()));
    assertThat(post.headers().get("webhook-signature")).isEqualTo(expectedSignature(key, post));
    // The older header, for one release: HMAC of the body under the secret as written.
    assertThat(post.headers().get("x-kb4sync-signature")).isEqualTo(legacySignature(WHSEC, post));
    JsonNode body = post.json();
    assertThat(body.path("notification").path("title").asText()).isEqualTo(n.title());
    assertThat(body.path("notification").path("severity").asText()).isEqualTo("INFO");
    assertThat(body.path("notification").path("company_id").asText()).isEqualTo("1001");
    assertThat(body.path("notification").path("recipients").path(0).asText())
        .isEqualTo("it@acme.example");
    assertThat(body.path("report")).isEqualTo(json(n.reportJson()));
    assertThat(body.path("report").path("users_created").path(0).path("email").asText())
        .isEqualTo("a@acme.example");
  }

  @Test
  void a_secret_without_the_whsec_prefix_signs_with_its_utf8_bytes() throws Exception {
    webhook(receiver.webhookUrl(), "hook-secret-1", 0).send(notification());

    Post post = receiver.posts(Channel.WEBHOOK).get(0);
    assertThat(post.headers().get("webhook-signature"))
        .isEqualTo(expectedSignature("hook-secret-1".getBytes(StandardCharsets.UTF_8), post));
    assertThat(post.headers().get("x-kb4sync-signature"))
        .isEqualTo(legacySignature("hook-secret-1", post));
  }

  @Test
  void every_notification_has_its_own_webhook_id_and_its_retries_keep_it() {
    receiver.faults(io.kb4sync.simulators.http.Faults.none().failAfterApply(1.0));
    WebhookNotifier notifier = webhook(receiver.webhookUrl(), WHSEC, 0);

    assertThatThrownBy(() -> notifier.send(notification())).isInstanceOf(RemoteException.class);
    assertThatThrownBy(() -> notifier.send(notification())).isInstanceOf(RemoteException.class);

    List<String> ids =
        receiver.posts(Channel.WEBHOOK).stream().map(p -> p.headers().get("webhook-id")).toList();
    assertThat(ids).hasSize(6);
    assertThat(ids.subList(0, 3)).containsOnly(ids.get(0));
    assertThat(ids.subList(3, 6)).containsOnly(ids.get(3));
    assertThat(ids.get(0)).isNotEqualTo(ids.get(3));
  }

  @Test
  void a_whsec_secret_that_is_not_base64_is_a_configuration_error_naming_the_key() {
    NotificationSettings settings =
        new NotificationSettings(
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new WebhookSettings("https://hooks.example/x", "whsec_not base64!")));

    assertThatThrownBy(() -> NotifierFactory.channels(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "notifications.webhooks[0].secret: a secret that starts with whsec_ must be base64"
                + " after it (Standard Webhooks)");
  }

  @Test
  void a_webhook_without_a_secret_is_not_signed_but_has_its_id_and_timestamp() {
    webhook(receiver.webhookUrl(), null, 3).send(notification());

    Post post = receiver.posts(Channel.WEBHOOK).get(0);
    assertThat(post.headers())
        .doesNotContainKey("x-kb4sync-signature")
        .doesNotContainKey("webhook-signature")
        .containsKey("webhook-id")
        .containsEntry("webhook-timestamp", "1796025600");
  }

  @Test
  void a_failing_webhook_names_itself_and_the_host_but_not_its_url_or_secret() {
    receiver.faults(io.kb4sync.simulators.http.Faults.none().failAfterApply(1.0));
    WebhookNotifier notifier =
        new WebhookNotifier(
            new WebhookSettings(receiver.webhookUrl() + "?token=QUERYTOKEN", "hook-secret-1"),
            2,
            Fast.options());

    assertThatThrownBy(() -> notifier.send(notification()))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(notifier.name()).isEqualTo("webhook[2]");
              assertThat(e.getMessage())
                  .startsWith("webhook[2]: HTTP 500 from 127.0.0.1:")
                  .doesNotContain("HOOKSECRET")
                  .doesNotContain("QUERYTOKEN")
                  .doesNotContain("hook-secret-1");
            });
    // 500 is retried a little: three attempts in all.
    assertThat(receiver.posts(Channel.WEBHOOK)).hasSize(3);
  }
}
