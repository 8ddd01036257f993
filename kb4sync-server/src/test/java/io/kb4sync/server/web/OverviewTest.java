package io.kb4sync.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The companies page's order, filters and search, and what it reads of a report. */
class OverviewTest {

  static CompanyRow row(String id, String name, Health health, int held, boolean paused) {
    return new CompanyRow(id, name, health, null, null, null, null, held, 0, 0, null, paused);
  }

  static final List<CompanyRow> BOOK =
      List.of(
          row("1", "Zeta", Health.OK, 0, false),
          row("2", "alpha", Health.OK, 0, true),
          row("3", "Beta", Health.NEVER_RUN, 0, false),
          row("4", "Gamma", Health.ERRORS, 0, false),
          row("5", "Delta", Health.HELD, 4, false),
          row("6", "Omega", Health.FAILING, 0, false),
          row("7", "Epsilon", Health.FAILING, 0, false));

  static List<String> names(List<CompanyRow> rows) {
    return rows.stream().map(CompanyRow::name).toList();
  }

  @Test
  void by_default_the_worst_come_first_then_by_name() {
    assertThat(names(Overview.shown(BOOK, null, null, null)))
        .containsExactly("Epsilon", "Omega", "Delta", "Gamma", "Beta", "alpha", "Zeta");
  }

  @Test
  void filters_and_search_narrow_the_rows() {
    assertThat(names(Overview.shown(BOOK, null, "failing", null)))
        .containsExactly("Epsilon", "Omega");
    assertThat(names(Overview.shown(BOOK, null, "held", null))).containsExactly("Delta");
    assertThat(names(Overview.shown(BOOK, null, "never", null))).containsExactly("Beta");
    assertThat(names(Overview.shown(BOOK, null, "paused", null))).containsExactly("alpha");
    assertThat(names(Overview.shown(BOOK, "ETA", null, "name"))).containsExactly("Beta", "Zeta");
    assertThat(names(Overview.shown(BOOK, "6", null, null))).containsExactly("Omega");
  }

  @Test
  void the_tally_counts_each_health_and_the_paused() {
    assertThat(Overview.tally(BOOK)).isEqualTo(new Pages.Tally(7, 2, 1, 1, 1, 2, 1));
  }

  @Test
  void a_report_is_read_for_its_changes_errors_and_conflicts_without_building_it() {
    String report =
        "{\"success\":false,\"sync_summary\":{\"users_created\":3,\"users_updated\":2,"
            + "\"users_archived\":0},\"users_restored\":[{\"email\":\"a@x\"}],"
            + "\"staged_archives\":[{\"email\":\"b@x\"},{\"email\":\"c@x\"}],"
            + "\"conflicts\":[{\"kind\":\"k\",\"m365_users\":[],\"knowbe4_users\":[]}],"
            + "\"errors\":[{\"email\":null,\"operation\":\"create\",\"message\":\"no\"}]}";

    assertThat(ReportView.changes(report))
        .isEqualTo("3 created, 1 restored, 2 updated, 2 held, 1 error");
    assertThat(ReportView.errorsAndConflicts(report)).containsExactly(1, 1);
    assertThat(ReportView.changes("{\"sync_summary\":{}}")).isEqualTo("no change");
    assertThat(ReportView.changes("not json")).isNull();
  }

  @Test
  void a_csv_field_a_spreadsheet_would_run_gets_an_apostrophe_and_quotes_are_doubled() {
    assertThat(new Csv().row("=HYPERLINK(\"x\")", "plain", "-1").toString())
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",\"plain\",\"'-1\"\r\n");
  }
}
