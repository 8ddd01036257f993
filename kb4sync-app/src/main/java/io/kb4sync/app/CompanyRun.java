package io.kb4sync.app;

import io.kb4sync.core.report.Report;

/** One company's sync as the CLI prints it. */
public record CompanyRun(String companyId, Report report) {
  public int exitCode() {
    return report.exitCode();
  }
}
