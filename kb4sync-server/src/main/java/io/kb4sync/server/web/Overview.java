package io.kb4sync.server.web;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.Book;
import io.kb4sync.server.RunJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The companies page's rows: each company's health, filtered, searched and sorted. */
final class Overview {
  /** The sort keys the page offers; {@code status} (worst first) is the default. */
  static final List<String> SORTS = List.of("status", "name", "last", "next", "held", "errors");

  /** The filters the page offers. */
  static final List<String> FILTERS = List.of("failing", "held", "never", "paused");

  private Overview() {}

  /**
   * @param dismissed {@code companyId + " " + fingerprint} of the held sets an admin dismissed
   */
  static CompanyRow row(Book book, Book.CompanyView company, Set<String> dismissed) {
    RunRecord last = company.lastRun();
    int errors = 0;
    int conflicts = 0;
    if (last != null && RunRecord.SYNC.equals(last.kind())) {
      int[] counts = ReportView.errorsAndConflicts(last.reportJson());
      errors = counts[0];
      conflicts = counts[1];
    }
    int held = company.heldArchives();
    if (held > 0) {
      Book.HeldSet set = book.held(company.companyId()).orElse(null);
      if (set == null || dismissed.contains(company.companyId() + " " + set.fingerprint())) {
        held = 0;
      }
    }
    String drift =
        book.latestAudit(company.companyId())
            .map(audit -> ReportView.drift(audit.reportJson()))
            .orElse(null);
    return new CompanyRow(
        company.companyId(),
        company.name() == null ? company.companyId() : company.name(),
        health(last, held, errors),
        last == null ? null : last.outcome() == null ? last.status().id() : last.outcome().id(),
        last == null ? null : RunJson.seconds(last.startedAt()),
        last == null ? null : last.runId(),
        RunJson.seconds(company.nextSyncAt()),
        held,
        errors,
        conflicts,
        drift,
        company.paused());
  }

  static Health health(RunRecord last, int held, int errors) {
    if (last == null) {
      return Health.NEVER_RUN;
    }
    if (last.status() == RunStatus.FAILED
        || last.status() == RunStatus.ABANDONED
        || last.outcome() == Outcome.FAILED) {
      return Health.FAILING;
    }
    if (held > 0) {
      return Health.HELD;
    }
    if (last.outcome() == Outcome.PARTIAL || last.outcome() == Outcome.INTERRUPTED || errors > 0) {
      return Health.ERRORS;
    }
    return Health.OK;
  }

  static Pages.Tally tally(List<CompanyRow> rows) {
    int[] byHealth = new int[Health.values().length];
    int paused = 0;
    for (CompanyRow row : rows) {
      byHealth[row.health().ordinal()]++;
      if (row.paused()) {
        paused++;
      }
    }
    return new Pages.Tally(
        rows.size(),
        byHealth[Health.FAILING.ordinal()],
        byHealth[Health.HELD.ordinal()],
        byHealth[Health.ERRORS.ordinal()],
        byHealth[Health.NEVER_RUN.ordinal()],
        byHealth[Health.OK.ordinal()],
        paused);
  }

  /** The rows the page shows: searched by name or id, filtered, sorted. */
  static List<CompanyRow> shown(List<CompanyRow> rows, String query, String filter, String sort) {
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<CompanyRow> out = new ArrayList<>();
    for (CompanyRow row : rows) {
      if (!needle.isEmpty()
          && !row.name().toLowerCase(Locale.ROOT).contains(needle)
          && !row.companyId().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      if (filter != null && !filter.isEmpty() && !matches(row, filter)) {
        continue;
      }
      out.add(row);
    }
    out.sort(order(sort));
    return out;
  }

  private static boolean matches(CompanyRow row, String filter) {
    return switch (filter) {
      case "failing" -> row.health() == Health.FAILING;
      case "held" -> row.held() > 0;
      case "never" -> row.health() == Health.NEVER_RUN;
      case "paused" -> row.paused();
      default -> true;
    };
  }

  private static Comparator<CompanyRow> order(String sort) {
    Comparator<CompanyRow> byName =
        Comparator.comparing((CompanyRow r) -> r.name().toLowerCase(Locale.ROOT))
            .thenComparing(CompanyRow::companyId);
    Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
    return switch (sort == null ? "status" : sort) {
      case "name" -> byName;
      case "last" ->
          Comparator.comparing(CompanyRow::lastAt, Comparator.nullsLast(Comparator.reverseOrder()))
              .thenComparing(byName);
      case "next" -> Comparator.comparing(CompanyRow::nextSyncAt, nullsLast).thenComparing(byName);
      case "held" -> Comparator.comparingInt(CompanyRow::held).reversed().thenComparing(byName);
      case "errors" -> Comparator.comparingInt(CompanyRow::errors).reversed().thenComparing(byName);
      default -> Comparator.comparing(CompanyRow::health).thenComparing(byName);
    };
  }
}
