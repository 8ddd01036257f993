package io.kb4sync.core.training;

import java.util.List;
import java.util.OptionalInt;

/**
 * Everything read from one KnowBe4 account before a sync plans anything: active and archived users,
 * groups with members, and the account's seats when the Reporting API told them.
 */
public record TrainingSnapshot(
    List<TrainingUser> users, List<TrainingGroup> groups, OptionalInt seats) {
  public TrainingSnapshot {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    seats = seats == null ? OptionalInt.empty() : seats;
  }
}
