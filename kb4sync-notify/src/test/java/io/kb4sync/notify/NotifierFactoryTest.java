package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.notify.Notifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotifierFactoryTest {

  private static final SmtpSettings SMTP =
      new SmtpSettings("smtp.example.com", 0, null, "kb4sync", "pw-123456", "kb4sync@msp.example");

  @Test
  void every_configured_channel_is_built_in_a_fixed_order() {
    NotificationSettings settings =
        new NotificationSettings(
            NotificationPolicy.ALWAYS,
            10,
            5,
            new EmailSettings(SMTP, null, List.of("noc@msp.example")),
            new TeamsSettings("https://example.webhook.office.com/webhookb2/abc"),
            new SlackSettings("https://hooks.slack.com/services/T/B/X"),
            List.of(
                new WebhookSettings("https://hooks.example/a", null),
                new WebhookSettings("http://127.0.0.1:9/b", "s")));

    List<Notifier> channels = NotifierFactory.channels(settings);

    assertThat(channels)
        .extracting(Notifier::name)
        .containsExactly("email (smtp)", "teams", "slack", "webhook[0]", "webhook[1]");
    assertThat(settings.effectiveWhen()).isEqualTo(NotificationPolicy.ALWAYS);
  }

  @Test
  void nothing_configured_builds_no_channel_and_defaults_apply() {
    NotificationSettings none = NotificationSettings.none();

    assertThat(NotifierFactory.channels(none)).isEmpty();
    assertThat(none.effectiveWhen()).isEqualTo(NotificationPolicy.ON_ISSUES);
    assertThat(none.effectiveListLimit()).isEqualTo(20);
    assertThat(NotifierFactory.dispatcher(none).isEmpty()).isTrue();
  }

  @Test
  void a_plain_http_webhook_off_loopback_is_refused_without_showing_the_url() {
    NotificationSettings settings =
        new NotificationSettings(
            null,
            null,
            null,
            null,
            null,
            new SlackSettings("http://hooks.slack.com/services/T/B/SECRETPART"),
            null);

    assertThatThrownBy(() -> NotifierFactory.channels(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "notifications.slack.webhook_url: must use https (plain http is accepted only for"
                + " loopback hosts)");
  }

  @Test
  void smtp_and_graph_together_are_refused() {
    GraphMailSettings graph = new GraphMailSettings("t", "c", "secret", "a@b.example", null, null);
    NotificationSettings settings =
        new NotificationSettings(
            null, null, null, new EmailSettings(SMTP, graph, null), null, null, null);

    assertThatThrownBy(() -> NotifierFactory.channels(settings))
        .hasMessage("notifications.email: set smtp or graph, not both (each would send the mail)");
  }

  @Test
  void a_missing_key_is_named_and_no_secret_is_shown() {
    SmtpSettings noFrom = new SmtpSettings("smtp.example.com", 25, null, "u", "pw-123456", null);
    NotificationSettings settings =
        new NotificationSettings(
            null, null, null, new EmailSettings(noFrom, null, null), null, null, null);

    assertThatThrownBy(() -> NotifierFactory.channels(settings))
        .hasMessage("notifications.email.smtp.from: missing or not an email address");
    assertThat(noFrom.toString()).doesNotContain("pw-123456");
    assertThat(new TeamsSettings("https://x/SECRET").toString()).doesNotContain("SECRET");
    assertThat(new WebhookSettings("https://x/SECRET", "k").toString()).doesNotContain("SECRET");
  }

  @ParameterizedTest
  @ValueSource(strings = {"smtp.example.com", "10.0.0.5", "localhost.example", "127.1"})
  void plain_smtp_with_a_username_is_refused_for_any_host_but_loopback(String host) {
    SmtpSettings settings =
        new SmtpSettings(host, 25, SmtpSettings.Security.NONE, "kb4sync", "pw-123456", "a@b");

    assertThatThrownBy(() -> settings.validate("notifications.email.smtp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "notifications.email.smtp.security: none with a username would send the password in"
                + " clear to "
                + host
                + "; use starttls or tls (none with AUTH is accepted for a loopback relay only)")
        .hasMessageNotContaining("pw-123456");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
  void plain_smtp_with_a_username_is_accepted_for_a_loopback_relay(String host) {
    new SmtpSettings(host, 25, SmtpSettings.Security.NONE, "kb4sync", "pw", "a@b")
        .validate("notifications.email.smtp");
  }

  @Test
  void plain_smtp_without_a_username_is_accepted_anywhere() {
    new SmtpSettings("relay.example.com", 25, SmtpSettings.Security.NONE, null, null, "a@b")
        .validate("notifications.email.smtp");
  }

  @Test
  void smtp_ports_default_by_security() {
    assertThat(
            new SmtpSettings("h", 0, SmtpSettings.Security.NONE, null, null, "a@b").effectivePort())
        .isEqualTo(25);
    assertThat(new SmtpSettings("h", 0, null, null, null, "a@b").effectivePort()).isEqualTo(587);
    assertThat(
            new SmtpSettings("h", 0, SmtpSettings.Security.TLS, null, null, "a@b").effectivePort())
        .isEqualTo(465);
    assertThat(SmtpSettings.Security.fromConfig("StartTLS"))
        .isEqualTo(SmtpSettings.Security.STARTTLS);
  }
}
