package io.kb4sync.core.state;

/** Another run holds the company's lock. */
public class CompanyLockedException extends RuntimeException {
  public CompanyLockedException(String companyId) {
    super("company " + companyId + " is locked by another kb4sync run; try again when it ends");
  }
}
