package io.kb4sync.notify;

import java.util.List;

/**
 * {@code notifications}: the channels available to every company and when they are used. Every
 * component may be null (absent from the YAML): see the {@code effective...} accessors.
 *
 * @param when null for {@link NotificationPolicy#DEFAULT}; a company may override it with its
 *     {@code knowbe4_notification_policy} variable
 * @param listLimit lines per section before "and N more"; null for {@value
 *     ReportNotifications#DEFAULT_LIST_LIMIT}
 * @param timeoutSeconds per HTTP request and SMTP operation; null for 15
 * @param email null for no email
 * @param teams null for no Teams
 * @param slack null for no Slack
 * @param webhooks null or empty for no webhook
 */
public record NotificationSettings(
    NotificationPolicy when,
    Integer listLimit,
    Integer timeoutSeconds,
    EmailSettings email,
    TeamsSettings teams,
    SlackSettings slack,
    List<WebhookSettings> webhooks) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 15;

  public NotificationSettings {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }

  /** No channel at all. */
  public static NotificationSettings none() {
    return new NotificationSettings(null, null, null, null, null, null, null);
  }

  public NotificationPolicy effectiveWhen() {
    return when == null ? NotificationPolicy.DEFAULT : when;
  }

  public int effectiveListLimit() {
    return listLimit == null ? ReportNotifications.DEFAULT_LIST_LIMIT : listLimit;
  }

  public int effectiveTimeoutSeconds() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }
}
