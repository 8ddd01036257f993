package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notifier;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator.Channel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  private final WebhookReceiverSimulator healthy = WebhookReceiverSimulator.start();
  private final WebhookReceiverSimulator broken = WebhookReceiverSimulator.start();

  @AfterEach
  void stop() {
    healthy.close();
    broken.close();
  }

  private static Notification notification() {
    return ReportNotifications.compose(
        TestReports.quiet().failed("Microsoft Graph: HTTP 401").build(),
        List.of("it@acme.example"),
        20,
        "{}");
  }

  @Test
  void a_channel_answering_500_does_not_stop_the_others_and_its_outcome_is_recorded() {
    broken.faults(Faults.none().unavailable(1.0));
    Notifications dispatcher =
        new Notifications(
            List.of(
                new TeamsNotifier(new TeamsSettings(broken.teamsUrl()), Fast.options()),
                new SlackNotifier(new SlackSettings(healthy.slackUrl()), Fast.options()),
                new WebhookNotifier(
                    new WebhookSettings(healthy.webhookUrl(), "s3cret-hmac"), 0, Fast.options())));

    List<ChannelOutcome> outcomes = dispatcher.send(notification());

    assertThat(outcomes)
        .extracting(ChannelOutcome::channel)
        .containsExactly("teams", "slack", "webhook[0]");
    assertThat(outcomes).extracting(ChannelOutcome::ok).containsExactly(false, true, true);
    assertThat(outcomes.get(0).message())
        .startsWith("teams: HTTP 503 from 127.0.0.1:")
        .contains("after 3 attempts");
    assertThat(outcomes.get(1).message()).isEqualTo("sent");
    assertThat(healthy.posts(Channel.SLACK)).hasSize(1);
    assertThat(healthy.posts(Channel.WEBHOOK)).hasSize(1);
    assertThat(Notifications.warnings(outcomes))
        .containsExactly("notification via teams failed: " + outcomes.get(0).message());
  }

  @Test
  void a_channel_that_times_out_does_not_stop_the_others() throws Exception {
    broken.faults(Faults.none().hangAfterApply(1.0, Duration.ofSeconds(3)));
    Notifications dispatcher =
        new Notifications(
            List.of(
                new SlackNotifier(
                    new SlackSettings(broken.slackUrl()), Fast.options(Duration.ofMillis(300))),
                new TeamsNotifier(new TeamsSettings(healthy.teamsUrl()), Fast.options())));

    List<ChannelOutcome> outcomes = dispatcher.send(notification());

    assertThat(outcomes).extracting(ChannelOutcome::ok).containsExactly(false, true);
    assertThat(outcomes.get(0).message())
        .isEqualTo("slack: no answer within 300 ms to " + host(broken) + " (HttpTimeoutException)");
    // A timed-out POST may have arrived: it is not sent again.
    awaitSome(() -> broken.posts(Channel.SLACK));
    assertThat(broken.posts(Channel.SLACK)).hasSize(1);
    assertThat(healthy.posts(Channel.TEAMS)).hasSize(1);
  }

  @Test
  void a_channel_that_throws_something_unexpected_is_isolated_without_its_message() {
    Notifier rogue =
        new Notifier() {
          @Override
          public String name() {
            return "rogue";
          }

          @Override
          public void send(Notification notification) {
            throw new IllegalStateException("https://hooks.example/SECRET-PATH exploded");
          }
        };
    Notifications dispatcher =
        new Notifications(
            List.of(
                rogue, new TeamsNotifier(new TeamsSettings(healthy.teamsUrl()), Fast.options())));

    List<ChannelOutcome> outcomes = dispatcher.send(notification());

    assertThat(outcomes.get(0))
        .isEqualTo(new ChannelOutcome("rogue", false, "rogue: unexpected IllegalStateException"));
    assertThat(outcomes.get(1).ok()).isTrue();
  }

  @Test
  void no_outcome_carries_a_webhook_secret_a_signing_secret_or_a_password() {
    broken.faults(Faults.none().failAfterApply(1.0));
    Notifications dispatcher =
        new Notifications(
            List.of(
                new TeamsNotifier(new TeamsSettings(broken.teamsUrl()), Fast.options()),
                new SlackNotifier(new SlackSettings(broken.slackUrl()), Fast.options()),
                new WebhookNotifier(
                    new WebhookSettings(broken.webhookUrl(), "s3cret-hmac"), 0, Fast.options()),
                new SmtpNotifier(
                    new SmtpSettings(
                        "127.0.0.1",
                        1,
                        SmtpSettings.Security.NONE,
                        "u",
                        "smtp-pass-123",
                        "k@b.example"),
                    List.of(),
                    Duration.ofSeconds(2))));

    List<ChannelOutcome> outcomes = dispatcher.send(notification());

    assertThat(outcomes).noneMatch(ChannelOutcome::ok);
    for (ChannelOutcome outcome : outcomes) {
      assertThat(outcome.message())
          .doesNotContain("TEAMSSECRET")
          .doesNotContain("SLACKSECRET")
          .doesNotContain("HOOKSECRET")
          .doesNotContain("s3cret-hmac")
          .doesNotContain("smtp-pass-123")
          .startsWith(outcome.channel() + ": ");
    }
  }

  private static String host(WebhookReceiverSimulator receiver) {
    return receiver.baseUri().getHost() + ":" + receiver.baseUri().getPort();
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
