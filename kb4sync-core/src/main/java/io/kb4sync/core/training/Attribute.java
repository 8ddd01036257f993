package io.kb4sync.core.training;

/** The KnowBe4 user attributes a sync keeps equal to Microsoft 365. */
public enum Attribute {
  /** SCIM {@code userName} (and primary work email). */
  EMAIL,
  /** SCIM {@code name.givenName}. */
  GIVEN_NAME,
  /** SCIM {@code name.familyName}. */
  FAMILY_NAME,
  /** SCIM enterprise extension {@code department}. */
  DEPARTMENT,
  /** SCIM {@code title}. */
  TITLE,
  /** SCIM enterprise extension {@code manager.value}: the manager's KnowBe4 user id. */
  MANAGER
}
