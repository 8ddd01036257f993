package io.kb4sync.app;

import java.util.List;

/**
 * The workflow inputs given on the command line; null means "not given" (the configuration
 * decides).
 */
public record SyncInputs(
    String tenant,
    List<String> licenseFilter,
    Boolean syncGroups,
    Boolean removeStaleUsers,
    boolean dryRun,
    boolean allowMassArchive) {

  public static SyncInputs none() {
    return new SyncInputs(null, null, null, null, false, false);
  }

  /** The inputs as one readable line for the run history (never a secret). */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (tenant != null) {
      text.append("--tenant ").append(tenant).append(' ');
    }
    if (licenseFilter != null) {
      text.append("--license-filter ").append(String.join(",", licenseFilter)).append(' ');
    }
    if (syncGroups != null) {
      text.append("--sync-groups=").append(syncGroups).append(' ');
    }
    if (removeStaleUsers != null) {
      text.append("--remove-stale-users=").append(removeStaleUsers).append(' ');
    }
    if (dryRun) {
      text.append("--dry-run ");
    }
    if (allowMassArchive) {
      text.append("--allow-mass-archive ");
    }
    return text.toString().trim();
  }
}
