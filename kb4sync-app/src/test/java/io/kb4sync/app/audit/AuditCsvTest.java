package io.kb4sync.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.audit.AffectedUser;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.Category;
import io.kb4sync.core.audit.Finding;
import io.kb4sync.core.audit.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

  static AuditReport audit(Finding... findings) {
    return new AuditReport(
        "Acme, \"Corp\"",
        "1001",
        "2026-11-30T06:00:00Z",
        true,
        0,
        AuditReport.Summary.empty(),
        new AuditReport.NextSync(
            "kb4sync sync", false, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null),
        List.of(findings),
        List.of(),
        List.of());
  }

  static String csv(boolean withCompany, Finding... findings) {
    byte[] bytes = AuditCsv.render(List.of(audit(findings)), withCompany);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void every_cell_is_quoted_and_its_quotes_doubled() {
    assertThat(AuditCsv.cell("plain")).isEqualTo("\"plain\"");
    assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(AuditCsv.cell(null)).isEqualTo("\"\"");
    assertThat(AuditCsv.cell("")).isEqualTo("\"\"");
  }

  @Test
  void cells_a_spreadsheet_would_evaluate_get_a_leading_apostrophe() {
    assertThat(AuditCsv.cell("=HYPERLINK(\"http://x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(AuditCsv.cell("+1")).isEqualTo("\"'+1\"");
    assertThat(AuditCsv.cell("-2+3")).isEqualTo("\"'-2+3\"");
    assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(AuditCsv.cell("\tx")).isEqualTo("\"'\tx\"");
    assertThat(AuditCsv.cell("\rx")).isEqualTo("\"'\rx\"");
    assertThat(AuditCsv.cell("a=b")).isEqualTo("\"a=b\"");
  }

  @Test
  void a_finding_about_no_user_is_one_row_and_a_finding_about_two_users_is_two() {
    Finding seats =
        new Finding(
            Category.SEAT_USAGE, Severity.INFO, null, "5 of 50 seats", List.of(), "n", "None");
    Finding drift =
        new Finding(
            Category.ATTRIBUTE_DRIFT,
            Severity.INFO,
            "department",
            "department differs",
            List.of(
                new AffectedUser("ann@acme.example", null, "Sales", "Marketing", null),
                new AffectedUser("=cmd|' /C calc'!A0@x", null, "Müller", "Straße", null)),
            "updates",
            "run it");

    List<String> lines = csv(false, seats, drift).substring(1).lines().toList();

    assertThat(lines).hasSize(4);
    assertThat(lines.get(1))
        .isEqualTo(
            "\"seat_usage\",\"info\",\"5 of 50 seats\",\"\",\"\",\"\",\"\",\"\",\"\",\"n\",\"None\"");
    assertThat(lines.get(2))
        .isEqualTo(
            "\"attribute_drift\",\"info\",\"department differs\",\"department\","
                + "\"ann@acme.example\",\"\",\"Sales\",\"Marketing\",\"\",\"updates\",\"run it\"");
    assertThat(lines.get(3)).contains(",\"'=cmd|' /C calc'!A0@x\",\"\",\"Müller\",\"Straße\",");
  }

  /** Directory values a hostile tenant could hold, and what a spreadsheet must show for each. */
  private static final List<List<String>> HOSTILE =
      List.of(
          List.of("=1+1", "'=1+1"),
          List.of("+SUM(A1:A9)", "'+SUM(A1:A9)"),
          List.of("-2+3", "'-2+3"),
          List.of("@cmd|' /C calc'!A0", "'@cmd|' /C calc'!A0"),
          List.of("\t=1", "'\t=1"),
          List.of("\r=1", "'\r=1"),
          List.of("two\r\nlines, \"quoted\"", "two\r\nlines, \"quoted\""),
          List.of("[Reset](https://evil.example)", "[Reset](https://evil.example)"),
          List.of("José, a=b", "José, a=b"));

  @Test
  void a_strict_rfc_4180_parser_reads_every_hostile_value_back_as_text() throws Exception {
    List<AffectedUser> users = new java.util.ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      String value = HOSTILE.get(i).get(0);
      users.add(new AffectedUser("u" + i + "@acme.example", value, value, value, null));
    }
    Finding drift =
        new Finding(
            Category.ATTRIBUTE_DRIFT,
            Severity.WARNING,
            "department",
            "department differs",
            users,
            "updates",
            "run it");
    String text = csv(true, drift);

    assertThat(text).startsWith("\uFEFF");
    String body = text.substring(1);
    // Every field quoted, every row ended by CRLF: the document matches RFC 4180's grammar with
    // no unquoted field anywhere.
    assertThat(body).matches("(?s)(?:\"(?:[^\"]++|\"\")*+\"(?:,\"(?:[^\"]++|\"\")*+\")*+\r\n)++");
    org.apache.commons.csv.CSVFormat strict =
        org.apache.commons.csv.CSVFormat.RFC4180.builder().setTrailingData(false).get();
    List<org.apache.commons.csv.CSVRecord> records;
    try (org.apache.commons.csv.CSVParser parser =
        org.apache.commons.csv.CSVParser.parse(body, strict)) {
      records = parser.getRecords();
    }
    assertThat(records).hasSize(1 + HOSTILE.size());
    assertThat(records.get(0).toList()).startsWith("company_id", "company", "category");
    for (int i = 0; i < HOSTILE.size(); i++) {
      org.apache.commons.csv.CSVRecord row = records.get(i + 1);
      String shown = HOSTILE.get(i).get(1);
      assertThat(row.size()).isEqualTo(2 + AuditCsv.COLUMNS.size());
      assertThat(row.get(0)).isEqualTo("1001");
      assertThat(row.get(1)).isEqualTo("Acme, \"Corp\"");
      assertThat(row.get(6)).isEqualTo("u" + i + "@acme.example");
      assertThat(List.of(row.get(7), row.get(8), row.get(9)))
          .as("detail, KnowBe4 and Microsoft 365 values of %s", HOSTILE.get(i).get(0))
          .containsOnly(shown);
    }
  }

  @Test
  void rows_end_with_crlf_and_the_file_starts_with_a_utf8_byte_order_mark() {
    byte[] bytes =
        AuditCsv.render(
            List.of(
                audit(
                    new Finding(
                        Category.SEAT_USAGE, Severity.INFO, null, "é", List.of(), "n", "a"))),
            true);

    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");
    assertThat(text.split("\r\n")[1])
        .startsWith("\"1001\",\"Acme, \"\"Corp\"\"\",\"seat_usage\",\"info\",\"é\",");
  }

  @Test
  void an_audit_that_could_not_read_is_one_row_naming_the_failure() {
    AuditReport failed =
        new AuditReport(
            "Acme",
            "1001",
            "2026-11-30T06:00:00Z",
            false,
            1,
            AuditReport.Summary.empty(),
            null,
            List.of(),
            List.of(),
            List.of(new AuditReport.ErrorEntry("read KnowBe4 SCIM", "401 bad token")));

    String text = new String(AuditCsv.render(List.of(failed), false), StandardCharsets.UTF_8);

    assertThat(text.lines().skip(1).toList())
        .singleElement()
        .asString()
        .startsWith("\"audit_failed\",\"critical\",\"read KnowBe4 SCIM: 401 bad token\",");
  }
}
