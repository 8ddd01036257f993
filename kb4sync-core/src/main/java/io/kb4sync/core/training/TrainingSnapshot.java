package io.kb4sync.core.training;

import java.util.List;
import java.util.OptionalInt;

/**
 * Everything read from one KnowBe4 account before a sync plans anything: active and archived users,
 * groups with members, and the account's seats when the Reporting API told them.
 *
 * @param warnings what the read itself has to say (e.g. it fell back from the Reporting API to
 *     SCIM); the run reports them
 * @param notListedByScim emails of users the Reporting API lists but the SCIM listing does not
 *     (added in the console, by CSV, by an old ADI agent, or on the console's SCIM exclusion list);
 *     empty when only SCIM was read
 */
public record TrainingSnapshot(
    List<TrainingUser> users,
    List<TrainingGroup> groups,
    OptionalInt seats,
    List<String> warnings,
    List<String> notListedByScim) {
  public TrainingSnapshot {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    seats = seats == null ? OptionalInt.empty() : seats;
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    notListedByScim = notListedByScim == null ? List.of() : List.copyOf(notListedByScim);
  }

  /** A snapshot with nothing more to say. */
  public TrainingSnapshot(List<TrainingUser> users, List<TrainingGroup> groups, OptionalInt seats) {
    this(users, groups, seats, List.of(), List.of());
  }
}
