package io.kb4sync.simulators.knowbe4;

import java.util.List;
import java.util.Objects;

/**
 * A user to put into the simulated account before a test or the demo runs.
 *
 * @param managerEmail the email of another seeded user, or null
 * @param groups display names of groups the user belongs to (created when missing)
 */
public record UserSeed(
    String email,
    String givenName,
    String familyName,
    String department,
    String title,
    String managerEmail,
    boolean active,
    List<String> groups) {

  public UserSeed {
    Objects.requireNonNull(email, "email");
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** An active user with only an email. */
  public static UserSeed of(String email) {
    return new UserSeed(email, null, null, null, null, null, true, List.of());
  }

  public UserSeed named(String given, String family) {
    return new UserSeed(email, given, family, department, title, managerEmail, active, groups);
  }

  public UserSeed department(String value) {
    return new UserSeed(email, givenName, familyName, value, title, managerEmail, active, groups);
  }

  public UserSeed title(String value) {
    return new UserSeed(
        email, givenName, familyName, department, value, managerEmail, active, groups);
  }

  public UserSeed manager(String email) {
    return new UserSeed(
        this.email, givenName, familyName, department, title, email, active, groups);
  }

  public UserSeed archived() {
    return new UserSeed(
        email, givenName, familyName, department, title, managerEmail, false, groups);
  }

  public UserSeed groups(String... names) {
    return new UserSeed(
        email, givenName, familyName, department, title, managerEmail, active, List.of(names));
  }
}
