package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.config.Variables;
import io.kb4sync.core.plan.ArchiveConsent;
import io.kb4sync.core.plan.StaleAction;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.graph.GraphSettings;
import io.kb4sync.notify.NotificationPolicy;
import java.util.List;
import java.util.Map;

/**
 * Applies the contract's precedence: command line > the company's variables > {@code
 * defaults.variables} > built-in default. A value replaces the lower one whole.
 */
public final class Precedence {
  private Precedence() {}

  public static Variables variables(Config config, CompanyConfig company) {
    return company.variables().over(config.defaults());
  }

  public static SyncOptions options(Config config, CompanyConfig company, SyncInputs inputs) {
    Variables v = variables(config, company);
    List<String> filter =
        inputs.licenseFilter() != null
            ? inputs.licenseFilter()
            : v.licenseFilter() != null ? v.licenseFilter() : List.of();
    boolean removeStale =
        inputs.removeStaleUsers() != null
            ? inputs.removeStaleUsers()
            : v.removeStaleUsers() != null && v.removeStaleUsers();
    Map<String, String> mapping =
        v.departmentGroupMapping() == null ? Map.of() : v.departmentGroupMapping();
    return SyncOptions.builder()
        .licenseFilter(filter.stream().map(String::trim).filter(s -> !s.isEmpty()).toList())
        .syncGroups(inputs.syncGroups() == null || inputs.syncGroups())
        .removeStaleUsers(removeStale)
        .dryRun(inputs.dryRun())
        .archiveConsent(consent(inputs))
        .defaultGroup(v.defaultGroup())
        .departmentGroupMapping(mapping)
        .archiveThreshold(
            v.archiveThresholdCount() != null
                ? v.archiveThresholdCount()
                : SyncOptions.DEFAULT_ARCHIVE_THRESHOLD_COUNT,
            v.archiveThresholdPercent() != null
                ? v.archiveThresholdPercent()
                : SyncOptions.DEFAULT_ARCHIVE_THRESHOLD_PERCENT)
        .staleAction("delete".equals(v.staleAction()) ? StaleAction.DELETE : StaleAction.ARCHIVE)
        .writeConcurrency(company.knowbe4().writeConcurrency())
        .build();
  }

  private static ArchiveConsent consent(SyncInputs inputs) {
    if (inputs.approveHeld() != null) {
      return new ArchiveConsent.Exactly(inputs.approveHeld());
    }
    return inputs.allowMassArchive() == null
        ? ArchiveConsent.NONE
        : new ArchiveConsent.UpTo(inputs.allowMassArchive());
  }

  /**
   * The company's notification policy: its {@code knowbe4_notification_policy} (or the defaults'),
   * else {@code notifications.when}, else on_issues.
   */
  public static NotificationPolicy notificationPolicy(Config config, CompanyConfig company) {
    Variables v = variables(config, company);
    if (v.notificationPolicy() != null) {
      return NotificationPolicy.fromConfig(v.notificationPolicy());
    }
    return config.notifications() == null
        ? NotificationPolicy.DEFAULT
        : config.notifications().effectiveWhen();
  }

  /** The company's {@code knowbe4_notification_recipients}; empty when none. */
  public static List<String> recipients(Config config, CompanyConfig company) {
    List<String> recipients = variables(config, company).notificationRecipients();
    return recipients == null ? List.of() : recipients;
  }

  /**
   * The company with {@code --tenant} applied, when given.
   *
   * @throws ConfigException when the tenant is neither a tenant GUID nor a domain name
   */
  public static CompanyConfig company(CompanyConfig company, SyncInputs inputs) {
    if (inputs.tenant() == null || inputs.tenant().isBlank()) {
      return company;
    }
    GraphSettings m365;
    try {
      m365 = company.m365().toBuilder().tenantId(inputs.tenant().trim()).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sync: --tenant: " + e.getMessage());
    }
    return new CompanyConfig(
        company.companyId(),
        company.name(),
        m365,
        company.knowbe4(),
        company.variables(),
        company.schedule());
  }
}
