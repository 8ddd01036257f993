package io.kb4sync.server.web;

import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.Book;
import io.kb4sync.server.RunJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A company's evidence for auditors: its runs over a period and each change they made, as CSV. One
 * row per change (created, restored, updated attribute, archived, held, error), and one row for a
 * run that changed nothing.
 */
final class Evidence {
  static final List<String> HEADER =
      List.of(
          "company_id",
          "run_id",
          "kind",
          "dry_run",
          "started_at",
          "finished_at",
          "trigger",
          "outcome",
          "change",
          "email",
          "detail");

  private Evidence() {}

  /** The runs with {@code from <= started_at < to}, oldest first, and their changes. */
  static String csv(Book book, String companyId, Instant from, Instant to) {
    List<RunRecord> runs = new ArrayList<>();
    String before = null;
    paging:
    while (true) {
      List<RunRecord> page = book.runs(new Book.RunFilter(companyId, null, 500, before));
      for (RunRecord run : page) {
        if (run.startedAt().isBefore(from)) {
          break paging;
        }
        if (run.startedAt().isBefore(to)) {
          runs.add(run);
        }
      }
      if (page.size() < 500) {
        break;
      }
      before = page.get(page.size() - 1).runId();
    }
    Csv csv = new Csv().row(HEADER);
    for (int i = runs.size() - 1; i >= 0; i--) {
      RunRecord run = runs.get(i);
      List<String> head =
          List.of(
              run.companyId(),
              run.runId(),
              run.kind(),
              Boolean.toString(run.dryRun()),
              RunJson.seconds(run.startedAt()),
              nonNull(RunJson.seconds(run.finishedAt())),
              run.trigger(),
              run.outcome() == null ? run.status().id() : run.outcome().id());
      ReportView report =
          ReportView.of(run.reportJson(), RunRecord.AUDIT.equals(run.kind())).orElse(null);
      int rows = 0;
      if (report != null) {
        for (ReportView.Created c : report.created()) {
          csv.row(with(head, "created", c.email(), c.groups()));
          rows++;
        }
        for (String email : report.restored()) {
          csv.row(with(head, "restored", email, ""));
          rows++;
        }
        for (ReportView.Updated u : report.updated()) {
          for (ReportView.Change change : u.changes()) {
            csv.row(
                with(
                    head,
                    "updated",
                    u.email(),
                    change.attribute()
                        + ": "
                        + nonNull(change.from())
                        + " -> "
                        + nonNull(change.to())));
            rows++;
          }
        }
        for (ReportView.Archived a : report.archived()) {
          csv.row(with(head, "archived", a.email(), a.reason()));
          rows++;
        }
        for (ReportView.Archived a : report.held()) {
          csv.row(with(head, "held", a.email(), a.reason()));
          rows++;
        }
        for (ReportView.Failure e : report.errors()) {
          csv.row(with(head, "error", e.email(), e.operation() + ": " + e.message()));
          rows++;
        }
      }
      if (rows == 0) {
        csv.row(with(head, "none", "", ""));
      }
    }
    return csv.toString();
  }

  private static List<String> with(List<String> head, String change, String email, String detail) {
    List<String> row = new ArrayList<>(head);
    row.add(change);
    row.add(nonNull(email));
    row.add(nonNull(detail));
    return row;
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
