package io.kb4sync.notify;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.report.Report;
import java.util.Locale;

/**
 * When a sync's report is sent to the notification channels ({@code notifications.when}, or a
 * company's {@code knowbe4_notification_policy}). Whatever the policy, a run that failed (exit 1)
 * and a run whose archives a safety guard held back always notify: they need a person.
 */
public enum NotificationPolicy {
  /** Every run, also one that changed nothing. */
  ALWAYS,
  /** Runs that changed something (or planned to, in a dry run), and runs with issues. */
  ON_CHANGES,
  /** Runs with issues only: failures, guard holds, errors, held creates, conflicts. */
  ON_ISSUES;

  public static final NotificationPolicy DEFAULT = ON_ISSUES;

  /** True when this report should be sent. Pure: depends on the report only. */
  public boolean shouldNotify(Report report) {
    Notification.Severity severity = ReportNotifications.severity(report);
    if (severity == Notification.Severity.FAILURE
        || severity == Notification.Severity.ACTION_REQUIRED) {
      return true;
    }
    switch (this) {
      case ALWAYS:
        return true;
      case ON_CHANGES:
        return severity != Notification.Severity.INFO || report.hasChanges();
      case ON_ISSUES:
      default:
        return severity != Notification.Severity.INFO;
    }
  }

  /**
   * Reads a configuration value: {@code always}, {@code on_changes}, {@code on_issues} (case and
   * {@code -}/{@code _} insensitive); null or blank gives the default.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static NotificationPolicy fromConfig(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    String normal = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (NotificationPolicy policy : values()) {
      if (policy.name().equals(normal)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown notification policy '" + value + "': use always, on_changes or on_issues");
  }

  /** The configuration spelling, e.g. {@code on_issues}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
