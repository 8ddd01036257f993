package io.kb4sync.app.config;

import java.util.List;
import java.util.Map;

/**
 * A company's organisational variables, named as in the seed. A null component is unset: the lower
 * level of precedence applies. A value replaces the lower one whole (lists and maps are not
 * merged).
 */
public record Variables(
    List<String> licenseFilter,
    String defaultGroup,
    Map<String, String> departmentGroupMapping,
    Boolean removeStaleUsers,
    List<String> notificationRecipients,
    Integer archiveThresholdCount,
    Integer archiveThresholdPercent,
    String staleAction,
    String notificationPolicy) {

  public static final List<String> KEYS =
      List.of(
          "knowbe4_sync_license_filter",
          "knowbe4_default_group",
          "knowbe4_department_group_mapping",
          "knowbe4_remove_stale_users",
          "knowbe4_notification_recipients",
          "knowbe4_archive_threshold_count",
          "knowbe4_archive_threshold_percent",
          "knowbe4_stale_action",
          "knowbe4_notification_policy");

  public static Variables none() {
    return new Variables(null, null, null, null, null, null, null, null, null);
  }

  /** These values where set, else {@code lower}'s. */
  public Variables over(Variables lower) {
    return new Variables(
        licenseFilter != null ? licenseFilter : lower.licenseFilter,
        defaultGroup != null ? defaultGroup : lower.defaultGroup,
        departmentGroupMapping != null ? departmentGroupMapping : lower.departmentGroupMapping,
        removeStaleUsers != null ? removeStaleUsers : lower.removeStaleUsers,
        notificationRecipients != null ? notificationRecipients : lower.notificationRecipients,
        archiveThresholdCount != null ? archiveThresholdCount : lower.archiveThresholdCount,
        archiveThresholdPercent != null ? archiveThresholdPercent : lower.archiveThresholdPercent,
        staleAction != null ? staleAction : lower.staleAction,
        notificationPolicy != null ? notificationPolicy : lower.notificationPolicy);
  }

  static Variables read(ConfigNode node) {
    node.onlyKeys(KEYS);
    return new Variables(
        node.strings("knowbe4_sync_license_filter"),
        node.string("knowbe4_default_group"),
        node.stringMap("knowbe4_department_group_mapping"),
        node.bool("knowbe4_remove_stale_users"),
        node.strings("knowbe4_notification_recipients"),
        node.integer("knowbe4_archive_threshold_count", 0, 1_000_000),
        node.integer("knowbe4_archive_threshold_percent", 0, 100),
        node.choice("knowbe4_stale_action", List.of("archive", "delete")),
        node.choice("knowbe4_notification_policy", List.of("always", "on_changes", "on_issues")));
  }
}
