package io.kb4sync.server.web;

import io.kb4sync.server.Book;
import java.util.List;

/** The models of the dashboard's pages: one record per template, read by the jte templates. */
public final class Pages {
  private Pages() {}

  /**
   * {@code login.jte}.
   *
   * @param next where to go after signing in (a checked local path)
   * @param entra the link that signs in with Microsoft Entra ID, or null when not configured
   */
  public record Login(Frame frame, String error, String name, String next, String entra) {}

  /** {@code error.jte}. */
  public record Problem(Frame frame, int status, String message) {}

  /** Counts across the book. */
  public record Tally(
      int companies, int failing, int held, int errors, int neverRun, int ok, int paused) {}

  /** {@code companies.jte}. */
  public record Companies(
      Frame frame,
      List<CompanyRow> rows,
      Tally tally,
      String query,
      String filter,
      String sort,
      List<String> nodesWithOtherConfiguration) {

    /** The link that sorts by {@code key}, keeping the search and the filter. */
    public String sortLink(String key) {
      return "/?" + Links.query("q", query, "filter", filter, "sort", key);
    }

    /** {@code ascending} on the column sorted by, else null (the attribute is left out). */
    public String sorted(String key) {
      return key.equals(sort) ? "ascending" : null;
    }

    public boolean selected(String value) {
      return value.equals(filter == null ? "" : filter);
    }
  }

  /** {@code company.jte}. */
  public record Company(
      Frame frame,
      CompanyRow row,
      List<RunLine> runs,
      RunLine latestSync,
      ReportView latestReport,
      RunLine latestAudit,
      ReportView audit,
      List<Setting> settings,
      Book.Schedule schedule,
      Held held,
      String from,
      String to) {}

  /** An effective setting, as text. */
  public record Setting(String name, String value) {}

  /** A held set and whether this viewer may decide on it. */
  public record Held(String companyId, String companyName, Book.HeldSet set, boolean dismissed) {}

  /** {@code held.jte}. */
  public record HeldList(Frame frame, List<Held> sets) {}

  /** {@code run.jte}. */
  public record Run(
      Frame frame, RunLine run, String companyName, ReportView report, Progress progress) {}

  /** What a run is doing now. */
  public record Progress(String status, String phase, String detail, String since) {}

  /** {@code users.jte}. */
  public record Users(Frame frame, List<Person> people, List<ApiTokens.Token> tokens) {}

  /**
   * {@code adminlog.jte}.
   *
   * @param rows the newest first, at most {@code limit}
   * @param action the action shown alone, or empty for every action
   * @param actions the actions offered as a filter
   */
  public record Log(
      Frame frame, List<LogLine> rows, String action, List<String> actions, int limit) {

    public boolean selected(String value) {
      return value.equals(action);
    }

    /** Whether the page shows fewer entries than the log may hold. */
    public boolean full() {
      return rows.size() >= limit;
    }
  }

  /**
   * One admin action as the log page shows it.
   *
   * @param at ISO-8601 to the second, UTC
   */
  public record LogLine(String at, String actor, String action, String companyId, String detail) {}
}
