package io.kb4sync.core.testing;

import io.kb4sync.core.plan.ArchiveConsent;
import io.kb4sync.core.plan.StaleAction;
import io.kb4sync.core.plan.SyncOptions;
import java.util.List;
import java.util.Map;

/** A fluent way to name the options a test changes, over {@link SyncOptions#builder()}. */
public final class Options {
  private final SyncOptions.Builder builder = SyncOptions.builder();

  public static Options options() {
    return new Options();
  }

  public Options licenseFilter(String... skus) {
    builder.licenseFilter(List.of(skus));
    return this;
  }

  public Options noGroups() {
    builder.syncGroups(false);
    return this;
  }

  public Options removeStaleUsers() {
    builder.removeStaleUsers(true);
    return this;
  }

  public Options dryRun() {
    builder.dryRun(true);
    return this;
  }

  /** {@code --allow-mass-archive=N}. */
  public Options allowMassArchive(int max) {
    builder.archiveConsent(new ArchiveConsent.UpTo(max));
    return this;
  }

  /** An approval of the held set with this fingerprint. */
  public Options approveHeld(String fingerprint) {
    builder.archiveConsent(new ArchiveConsent.Exactly(fingerprint));
    return this;
  }

  public Options defaultGroup(String group) {
    builder.defaultGroup(group);
    return this;
  }

  public Options mapping(Map<String, String> value) {
    builder.departmentGroupMapping(value);
    return this;
  }

  public Options threshold(int count, int percent) {
    builder.archiveThreshold(count, percent);
    return this;
  }

  public Options deleteStale() {
    builder.staleAction(StaleAction.DELETE);
    return this;
  }

  public Options writeConcurrency(int value) {
    builder.writeConcurrency(value);
    return this;
  }

  public SyncOptions build() {
    return builder.build();
  }
}
