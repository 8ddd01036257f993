package io.kb4sync.app.service;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * {@code notifications.digest: daily}: one summary of the whole book for the last day, instead of
 * one message per run. Sent to {@code defaults.variables.knowbe4_notification_recipients} through
 * the configured channels.
 */
final class Digest {
  static final Duration PERIOD = Duration.ofDays(1);

  private Digest() {}

  /** The digest of the runs that started in the day before {@code now}. */
  static Notification compose(
      Config config,
      StateStore store,
      Instant now,
      ToIntFunction<String> heldArchives,
      Map<String, Integer> failing) {
    Instant since = now.minus(PERIOD);
    int runs = 0;
    int ok = 0;
    int failed = 0;
    int issues = 0;
    int held = 0;
    List<String> failedLines = new ArrayList<>();
    List<String> heldLines = new ArrayList<>();
    List<String> issueLines = new ArrayList<>();
    for (CompanyConfig company : config.companies()) {
      String name = company.displayName() + " (" + company.companyId() + ")";
      int companyFailed = 0;
      int companyIssues = 0;
      for (RunRecord run : store.runs(RunQuery.ofCompany(company.companyId(), 200))) {
        if (run.startedAt().isBefore(since)) {
          break;
        }
        if (run.status().open() || Failures.stoppedBeforeWriting(run)) {
          continue; // a run the node's own stop ended before writing says nothing of the company
        }
        runs++;
        if (run.status() == RunStatus.FAILED) {
          companyFailed++;
        } else if (run.outcome() == Outcome.OK) {
          ok++;
        } else if (run.outcome() != null) {
          companyIssues++;
        }
      }
      failed += companyFailed;
      issues += companyIssues;
      if (companyFailed > 0) {
        int row = failing.getOrDefault(company.companyId(), 0);
        failedLines.add(
            name
                + ": "
                + companyFailed
                + " failed run(s)"
                + (row > 0 ? ", " + row + " in a row" : ""));
      }
      if (companyIssues > 0) {
        issueLines.add(name + ": " + companyIssues + " run(s) partial, interrupted or held");
      }
      int companyHeld = heldArchives.applyAsInt(company.companyId());
      if (companyHeld > 0) {
        held += companyHeld;
        heldLines.add(name + ": " + companyHeld + " archive(s) held, waiting for approval");
      }
    }
    Notification.Severity severity =
        failed > 0
            ? Notification.Severity.FAILURE
            : held > 0
                ? Notification.Severity.ACTION_REQUIRED
                : issues > 0 ? Notification.Severity.WARNING : Notification.Severity.INFO;
    List<Notification.Section> sections = new ArrayList<>();
    if (!failedLines.isEmpty()) {
      sections.add(new Notification.Section("Failed", failedLines, 0));
    }
    if (!heldLines.isEmpty()) {
      sections.add(new Notification.Section("Held archives", heldLines, 0));
    }
    if (!issueLines.isEmpty()) {
      sections.add(new Notification.Section("Needs a look", issueLines, 0));
    }
    List<String> recipients = config.defaults().notificationRecipients();
    return new Notification(
        "*",
        "all companies",
        RunRecord.SYNC,
        severity,
        "KnowBe4 sync: daily digest of "
            + config.companies().size()
            + " companies — "
            + ok
            + " ok, "
            + failed
            + " failed, "
            + held
            + " archives held",
        List.of(
            new Notification.Fact("Companies", String.valueOf(config.companies().size())),
            new Notification.Fact("Runs", String.valueOf(runs)),
            new Notification.Fact("Ok", String.valueOf(ok)),
            new Notification.Fact("Failed", String.valueOf(failed)),
            new Notification.Fact("Archives held", String.valueOf(held))),
        sections,
        null,
        null,
        recipients == null ? List.of() : recipients);
  }
}
