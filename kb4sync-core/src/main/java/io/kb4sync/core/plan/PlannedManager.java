package io.kb4sync.core.plan;

/**
 * A manager reference of an existing user to set or clear, applied after every user it may point to
 * exists. (A user created by the run gets its manager in the create itself.)
 *
 * @param manager the new manager, or null to clear
 * @param fromEmail the current manager's email, for the report (null when none)
 * @param toEmail the new manager's email, for the report (null when cleared)
 */
public record PlannedManager(
    UserRef user, String email, UserRef manager, String fromEmail, String toEmail) {
  public String key() {
    return "manager:" + user.key();
  }
}
