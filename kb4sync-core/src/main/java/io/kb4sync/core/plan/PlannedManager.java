package io.kb4sync.core.plan;

/**
 * A manager reference to set or clear, applied after every user it may point to exists.
 *
 * @param manager the new manager, or null to clear
 * @param fromEmail the current manager's email, for the report (null when none)
 * @param toEmail the new manager's email, for the report (null when cleared)
 * @param newUser true when {@code user} is created by this run (not counted as an update)
 */
public record PlannedManager(
    UserRef user,
    String email,
    UserRef manager,
    String fromEmail,
    String toEmail,
    boolean newUser) {
  public String key() {
    return "manager:" + user.key();
  }
}
