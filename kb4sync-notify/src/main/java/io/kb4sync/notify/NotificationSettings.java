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
 * @param digest {@code daily}: service mode sends one summary of the whole book a day instead of
 *     one message per run; null or {@code off} for none
 */
public record NotificationSettings(
    NotificationPolicy when,
    Integer listLimit,
    Integer timeoutSeconds,
    EmailSettings email,
    TeamsSettings teams,
    SlackSettings slack,
    List<WebhookSettings> webhooks,
    String digest) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 15;

  public NotificationSettings {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    if (digest != null && !digest.equals("daily") && !digest.equals("off")) {
      throw new IllegalArgumentException("digest must be daily or off, found " + digest);
    }
  }

  public NotificationSettings(
      NotificationPolicy when,
      Integer listLimit,
      Integer timeoutSeconds,
      EmailSettings email,
      TeamsSettings teams,
      SlackSettings slack,
      List<WebhookSettings> webhooks) {
    this(when, listLimit, timeoutSeconds, email, teams, slack, webhooks, null);
  }

  /** No channel at all. */
  public static NotificationSettings none() {
    return new NotificationSettings(null, null, null, null, null, null, null, null);
  }

  /** True when service mode sends a daily digest instead of one message per run. */
  public boolean dailyDigest() {
    return "daily".equals(digest);
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
