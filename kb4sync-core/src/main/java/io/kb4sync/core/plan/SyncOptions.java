package io.kb4sync.core.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of one sync of one company, after precedence (command line > company variables >
 * defaults > built-in) has been applied. Built with {@link #builder()}; the built-in defaults are
 * the builder's.
 *
 * @param licenseFilter skuPartNumbers; empty means any license
 * @param archiveConsent what a person allowed the threshold guard to let through
 * @param defaultGroup the group every in-scope user belongs to, or null for none
 * @param departmentGroupMapping department -> KnowBe4 group (keys compared trimmed and
 *     case-insensitively)
 * @param archiveThresholdCount archiving is held when it exceeds max(count, percent of active
 *     KnowBe4 users)
 * @param writeConcurrency at most this many KnowBe4 write requests in flight: the configuration's
 *     {@code write_concurrency} (its default lives with the KnowBe4 settings); the builder's 1 is
 *     for tests and tools
 */
public record SyncOptions(
    List<String> licenseFilter,
    boolean syncGroups,
    boolean removeStaleUsers,
    boolean dryRun,
    ArchiveConsent archiveConsent,
    String defaultGroup,
    Map<String, String> departmentGroupMapping,
    int archiveThresholdCount,
    int archiveThresholdPercent,
    StaleAction staleAction,
    int writeConcurrency) {

  public static final int DEFAULT_ARCHIVE_THRESHOLD_COUNT = 5;
  public static final int DEFAULT_ARCHIVE_THRESHOLD_PERCENT = 10;

  public SyncOptions {
    licenseFilter = List.copyOf(licenseFilter);
    departmentGroupMapping = Map.copyOf(departmentGroupMapping);
    Objects.requireNonNull(archiveConsent, "archiveConsent");
    Objects.requireNonNull(staleAction, "staleAction");
    if (archiveThresholdCount < 0 || archiveThresholdPercent < 0) {
      throw new IllegalArgumentException("archive thresholds must not be negative");
    }
    if (writeConcurrency < 1) {
      throw new IllegalArgumentException("write_concurrency must be at least 1");
    }
  }

  /** The built-in defaults: any license, groups synced, nothing archived, a real run. */
  public static SyncOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change a few. */
  public Builder toBuilder() {
    return new Builder()
        .licenseFilter(licenseFilter)
        .syncGroups(syncGroups)
        .removeStaleUsers(removeStaleUsers)
        .dryRun(dryRun)
        .archiveConsent(archiveConsent)
        .defaultGroup(defaultGroup)
        .departmentGroupMapping(departmentGroupMapping)
        .archiveThreshold(archiveThresholdCount, archiveThresholdPercent)
        .staleAction(staleAction)
        .writeConcurrency(writeConcurrency);
  }

  /** Options built key by key, starting from the built-in defaults. */
  public static final class Builder {
    private List<String> licenseFilter = List.of();
    private boolean syncGroups = true;
    private boolean removeStaleUsers;
    private boolean dryRun;
    private ArchiveConsent archiveConsent = ArchiveConsent.NONE;
    private String defaultGroup;
    private Map<String, String> departmentGroupMapping = Map.of();
    private int archiveThresholdCount = DEFAULT_ARCHIVE_THRESHOLD_COUNT;
    private int archiveThresholdPercent = DEFAULT_ARCHIVE_THRESHOLD_PERCENT;
    private StaleAction staleAction = StaleAction.ARCHIVE;
    private int writeConcurrency = 1;

    private Builder() {}

    public Builder licenseFilter(List<String> value) {
      licenseFilter = value;
      return this;
    }

    public Builder syncGroups(boolean value) {
      syncGroups = value;
      return this;
    }

    public Builder removeStaleUsers(boolean value) {
      removeStaleUsers = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      dryRun = value;
      return this;
    }

    public Builder archiveConsent(ArchiveConsent value) {
      archiveConsent = value;
      return this;
    }

    public Builder defaultGroup(String value) {
      defaultGroup = value;
      return this;
    }

    public Builder departmentGroupMapping(Map<String, String> value) {
      departmentGroupMapping = value;
      return this;
    }

    public Builder archiveThreshold(int count, int percent) {
      archiveThresholdCount = count;
      archiveThresholdPercent = percent;
      return this;
    }

    public Builder staleAction(StaleAction value) {
      staleAction = value;
      return this;
    }

    public Builder writeConcurrency(int value) {
      writeConcurrency = value;
      return this;
    }

    public SyncOptions build() {
      return new SyncOptions(
          licenseFilter,
          syncGroups,
          removeStaleUsers,
          dryRun,
          archiveConsent,
          defaultGroup,
          departmentGroupMapping,
          archiveThresholdCount,
          archiveThresholdPercent,
          staleAction,
          writeConcurrency);
    }
  }
}
