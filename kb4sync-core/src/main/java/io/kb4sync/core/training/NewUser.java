package io.kb4sync.core.training;

import java.util.Objects;

/**
 * A KnowBe4 user to create. The manager is set afterwards, once every user it may point to exists.
 *
 * @param externalId the Microsoft 365 object id, sent as SCIM {@code externalId}
 */
public record NewUser(
    String email,
    String givenName,
    String familyName,
    String department,
    String title,
    String externalId) {
  public NewUser {
    Objects.requireNonNull(email, "email");
  }
}
