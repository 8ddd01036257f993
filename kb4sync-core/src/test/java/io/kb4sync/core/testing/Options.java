package io.kb4sync.core.testing;

import io.kb4sync.core.sync.SyncOptions;
import io.kb4sync.core.sync.SyncOptions.StaleAction;
import java.util.List;
import java.util.Map;

/** A fluent way to name the options a test changes. */
public final class Options {
  private List<String> licenseFilter = List.of();
  private boolean syncGroups = true;
  private boolean removeStale;
  private boolean dryRun;
  private boolean allowMassArchive;
  private String defaultGroup;
  private Map<String, String> mapping = Map.of();
  private int thresholdCount = SyncOptions.DEFAULT_ARCHIVE_THRESHOLD_COUNT;
  private int thresholdPercent = SyncOptions.DEFAULT_ARCHIVE_THRESHOLD_PERCENT;
  private StaleAction staleAction = StaleAction.ARCHIVE;

  public static Options options() {
    return new Options();
  }

  public Options licenseFilter(String... skus) {
    licenseFilter = List.of(skus);
    return this;
  }

  public Options noGroups() {
    syncGroups = false;
    return this;
  }

  public Options removeStaleUsers() {
    removeStale = true;
    return this;
  }

  public Options dryRun() {
    dryRun = true;
    return this;
  }

  public Options allowMassArchive() {
    allowMassArchive = true;
    return this;
  }

  public Options defaultGroup(String group) {
    defaultGroup = group;
    return this;
  }

  public Options mapping(Map<String, String> value) {
    mapping = value;
    return this;
  }

  public Options threshold(int count, int percent) {
    thresholdCount = count;
    thresholdPercent = percent;
    return this;
  }

  public Options deleteStale() {
    staleAction = StaleAction.DELETE;
    return this;
  }

  public SyncOptions build() {
    return new SyncOptions(
        licenseFilter,
        syncGroups,
        removeStale,
        dryRun,
        allowMassArchive,
        defaultGroup,
        mapping,
        thresholdCount,
        thresholdPercent,
        staleAction,
        4);
  }
}
