package io.kb4sync.server.web;

/**
 * One company on the companies page.
 *
 * @param lastResult the newest run's status or outcome as text, e.g. {@code ok}, {@code running};
 *     null when none
 * @param lastAt when the newest run started, ISO-8601 UTC; null when none
 * @param errors errors of the newest ended sync
 * @param conflicts conflicts of the newest ended sync
 * @param drift the newest audit's findings, e.g. {@code 1 critical, 2 warning, 0 info}; null when
 *     none
 */
public record CompanyRow(
    String companyId,
    String name,
    Health health,
    String lastResult,
    String lastAt,
    String lastRunId,
    String nextSyncAt,
    int held,
    int errors,
    int conflicts,
    String drift,
    boolean paused) {}
