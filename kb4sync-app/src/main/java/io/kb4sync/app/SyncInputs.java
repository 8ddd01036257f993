package io.kb4sync.app;

import io.kb4sync.core.plan.Consent;
import java.util.List;

/**
 * The workflow inputs given on the command line; null means "not given" (the configuration
 * decides).
 *
 * @param allowMassArchive {@code --allow-mass-archive=N}: at most N archives past the threshold
 * @param approveHeld the {@code staged_archives_fingerprint} of a held set an admin approved (the
 *     API's {@code approve_held}): exactly that set may be archived
 */
public record SyncInputs(
    String tenant,
    List<String> licenseFilter,
    Boolean syncGroups,
    Boolean removeStaleUsers,
    boolean dryRun,
    Integer allowMassArchive,
    String approveHeld) {

  public SyncInputs(
      String tenant,
      List<String> licenseFilter,
      Boolean syncGroups,
      Boolean removeStaleUsers,
      boolean dryRun,
      Integer allowMassArchive) {
    this(tenant, licenseFilter, syncGroups, removeStaleUsers, dryRun, allowMassArchive, null);
  }

  public static SyncInputs none() {
    return new SyncInputs(null, null, null, null, false, null);
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
    if (allowMassArchive != null) {
      text.append(Consent.flag(allowMassArchive)).append(' ');
    }
    if (approveHeld != null) {
      text.append("approve_held=").append(approveHeld).append(' ');
    }
    return text.toString().trim();
  }
}
