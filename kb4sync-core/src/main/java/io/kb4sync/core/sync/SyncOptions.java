package io.kb4sync.core.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of one sync of one company, after precedence (command line > company variables >
 * defaults > built-in) has been applied.
 *
 * @param licenseFilter skuPartNumbers; empty means any license
 * @param defaultGroup the group every in-scope user belongs to, or null for none
 * @param departmentGroupMapping department -> KnowBe4 group (keys compared trimmed and
 *     case-insensitively)
 * @param archiveThresholdCount archiving is held when it exceeds max(count, percent of active
 *     KnowBe4 users)
 * @param writeConcurrency at most this many KnowBe4 write requests in flight
 */
public record SyncOptions(
    List<String> licenseFilter,
    boolean syncGroups,
    boolean removeStaleUsers,
    boolean dryRun,
    boolean allowMassArchive,
    String defaultGroup,
    Map<String, String> departmentGroupMapping,
    int archiveThresholdCount,
    int archiveThresholdPercent,
    StaleAction staleAction,
    int writeConcurrency) {

  public static final int DEFAULT_ARCHIVE_THRESHOLD_COUNT = 5;
  public static final int DEFAULT_ARCHIVE_THRESHOLD_PERCENT = 10;
  public static final int DEFAULT_WRITE_CONCURRENCY = 8;

  /** What happens to a stale KnowBe4 user when stale users are removed. */
  public enum StaleAction {
    /** SCIM {@code active=false}: history kept, seat freed. The default. */
    ARCHIVE,
    /** SCIM DELETE: KnowBe4 documents no semantics; opt-in only. */
    DELETE
  }

  public SyncOptions {
    licenseFilter = List.copyOf(licenseFilter);
    departmentGroupMapping = Map.copyOf(departmentGroupMapping);
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
    return new SyncOptions(
        List.of(),
        true,
        false,
        false,
        false,
        null,
        Map.of(),
        DEFAULT_ARCHIVE_THRESHOLD_COUNT,
        DEFAULT_ARCHIVE_THRESHOLD_PERCENT,
        StaleAction.ARCHIVE,
        DEFAULT_WRITE_CONCURRENCY);
  }

  public SyncOptions withRemoveStaleUsers(boolean value) {
    return new SyncOptions(
        licenseFilter,
        syncGroups,
        value,
        dryRun,
        allowMassArchive,
        defaultGroup,
        departmentGroupMapping,
        archiveThresholdCount,
        archiveThresholdPercent,
        staleAction,
        writeConcurrency);
  }

  public SyncOptions withDryRun(boolean value) {
    return new SyncOptions(
        licenseFilter,
        syncGroups,
        removeStaleUsers,
        value,
        allowMassArchive,
        defaultGroup,
        departmentGroupMapping,
        archiveThresholdCount,
        archiveThresholdPercent,
        staleAction,
        writeConcurrency);
  }
}
