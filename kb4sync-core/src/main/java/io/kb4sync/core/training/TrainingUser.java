package io.kb4sync.core.training;

import java.util.Objects;

/**
 * One user of the KnowBe4 account.
 *
 * @param id the id the same {@link TrainingPlatform} accepts for writes
 * @param email the SCIM {@code userName} (the Reporting API's {@code email})
 * @param managerId the {@link #id} of the manager within the same snapshot, or null
 * @param active false for an archived user
 */
public record TrainingUser(
    String id,
    String email,
    String givenName,
    String familyName,
    String department,
    String title,
    String managerId,
    boolean active) {

  public TrainingUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
  }
}
