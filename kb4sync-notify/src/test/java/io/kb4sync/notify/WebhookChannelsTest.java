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

  @Test
  void a_webhook_gets_the_notification_and_the_report_signed_with_hmac_sha256() throws Exception {
    Notification n = notification();

    new WebhookNotifier(
            new WebhookSettings(receiver.webhookUrl(), "hook-secret-1"), 0, Fast.options())
        .send(n);

    Post post = receiver.posts(Channel.WEBHOOK).get(0);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("hook-secret-1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "sha256="
            + HexFormat.of().formatHex(mac.doFinal(post.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(post.headers().get("x-kb4sync-signature")).isEqualTo(expected);
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
  void a_webhook_without_a_secret_is_not_signed() {
    new WebhookNotifier(new WebhookSettings(receiver.webhookUrl(), null), 3, Fast.options())
        .send(notification());

    Post post = receiver.posts(Channel.WEBHOOK).get(0);
    assertThat(post.headers()).doesNotContainKey("x-kb4sync-signature");
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
