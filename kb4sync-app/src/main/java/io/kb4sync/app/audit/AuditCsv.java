package io.kb4sync.app.audit;

import io.kb4sync.core.audit.AffectedUser;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit as CSV for a spreadsheet: one row per finding per user (one row with empty user columns
 * for a finding about no user). RFC 4180 (comma, CRLF, every field in double quotes, quotes
 * doubled), UTF-8 with a byte-order mark so Excel reads the accents, and formula-injection safe: a
 * cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a
 * leading {@code '} so no spreadsheet evaluates it.
 */
public final class AuditCsv {
  /** The columns; with several companies {@code company_id} and {@code company} come first. */
  public static final List<String> COLUMNS =
      List.of(
          "category",
          "severity",
          "finding",
          "subject",
          "email",
          "detail",
          "knowbe4_value",
          "m365_value",
          "last_m365_sync",
          "next_sync",
          "suggested_action");

  /** The category of the row an audit that could not read gets. */
  public static final String FAILED = "audit_failed";

  private static final String BOM = "\uFEFF";
  private static final String CRLF = "\r\n";

  private AuditCsv() {}

  /**
   * @param withCompany true with {@code --all-companies}: company columns first
   */
  public static byte[] render(List<AuditReport> audits, boolean withCompany) {
    StringBuilder out = new StringBuilder(BOM);
    List<String> header = new ArrayList<>();
    if (withCompany) {
      header.add("company_id");
      header.add("company");
    }
    header.addAll(COLUMNS);
    row(out, header);
    for (AuditReport audit : audits) {
      List<String> company = withCompany ? List.of(audit.companyId(), audit.company()) : List.of();
      for (AuditReport.ErrorEntry error : audit.errors()) {
        List<String> cells = new ArrayList<>(company);
        cells.addAll(
            List.of(
                FAILED,
                "critical",
                error.operation() + ": " + error.message(),
                "",
                "",
                "",
                "",
                "",
                "",
                "nothing: the audit could not read",
                "Fix the failing read (see the message) and run the audit again"));
        row(out, cells);
      }
      for (Finding finding : audit.findings()) {
        List<AffectedUser> users =
            finding.users().isEmpty() ? java.util.Collections.singletonList(null) : finding.users();
        for (AffectedUser user : users) {
          List<String> cells = new ArrayList<>(company);
          cells.add(finding.category().id());
          cells.add(finding.severity().id());
          cells.add(finding.title());
          cells.add(finding.subject());
          cells.add(user == null ? null : user.email());
          cells.add(user == null ? null : user.detail());
          cells.add(user == null ? null : user.knowbe4Value());
          cells.add(user == null ? null : user.m365Value());
          cells.add(user == null ? null : user.lastM365Sync());
          cells.add(finding.nextSync());
          cells.add(finding.suggestedAction());
          row(out, cells);
        }
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append(CRLF);
  }

  /**
   * One field: neutralised against formulas, then quoted, whatever it holds (RFC 4180 allows every
   * field quoted; a field that is always quoted can never be misread as two).
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "\"\"";
    }
    String text = value;
    if ("=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
