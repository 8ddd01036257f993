package io.kb4sync.core.training;

import java.util.Objects;

/**
 * A KnowBe4 user to create.
 *
 * @param externalId the Microsoft 365 object id, sent as SCIM {@code externalId}
 * @param managerId the KnowBe4 id of the user's manager when it exists already, else null (a
 *     manager created in the same run is created first, so its id is known here)
 */
public record NewUser(
    String email,
    String givenName,
    String familyName,
    String department,
    String title,
    String externalId,
    String managerId) {
  public NewUser {
    Objects.requireNonNull(email, "email");
  }

  /** A user without a manager. */
  public NewUser(
      String email,
      String givenName,
      String familyName,
      String department,
      String title,
      String externalId) {
    this(email, givenName, familyName, department, title, externalId, null);
  }

  public NewUser withManager(String knowbe4Id) {
    return new NewUser(email, givenName, familyName, department, title, externalId, knowbe4Id);
  }
}
