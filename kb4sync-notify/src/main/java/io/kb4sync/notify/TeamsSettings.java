package io.kb4sync.notify;

/**
 * {@code notifications.teams}: a Teams Workflows webhook ("Send webhook alerts to a channel").
 *
 * @param webhookUrl the flow's URL; a secret (use {@code ${env:...}}), required
 */
public record TeamsSettings(String webhookUrl) {
  @Override
  public String toString() {
    return "TeamsSettings[webhookUrl=***]";
  }
}
