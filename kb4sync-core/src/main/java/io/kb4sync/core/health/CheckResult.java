package io.kb4sync.core.health;

import java.util.Objects;

/**
 * One line of {@code kb4sync doctor}: what was checked against which endpoint, the verdict, and
 * what to do when it failed. Never holds a secret.
 *
 * @param endpoint the system and where it was reached, e.g. {@code Microsoft Graph
 *     https://graph.microsoft.com}
 * @param check what was checked, e.g. {@code sign-in}, {@code read users (User.Read.All)}
 * @param remedy what to do about a failure; null when it passed
 */
public record CheckResult(
    String endpoint, String check, Status status, String detail, String remedy) {

  /** The verdict of one check. */
  public enum Status {
    PASS,
    FAIL,
    /** Not probed (e.g. a notification channel: doctor sends no message). */
    SKIP
  }

  public CheckResult {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
  }

  public static CheckResult pass(String endpoint, String check, String detail) {
    return new CheckResult(endpoint, check, Status.PASS, detail, null);
  }

  public static CheckResult fail(String endpoint, String check, String detail, String remedy) {
    return new CheckResult(endpoint, check, Status.FAIL, detail, remedy);
  }

  public static CheckResult skip(String endpoint, String check, String detail) {
    return new CheckResult(endpoint, check, Status.SKIP, detail, null);
  }
}
