package io.kb4sync.notify;

/**
 * {@code notifications.slack}: a Slack incoming webhook; the channel is fixed by the webhook.
 *
 * @param webhookUrl {@code https://hooks.slack.com/services/...}; a secret, required
 */
public record SlackSettings(String webhookUrl) {
  @Override
  public String toString() {
    return "SlackSettings[webhookUrl=***]";
  }
}
