package io.kb4sync.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.audit.AffectedUser;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.Category;
import io.kb4sync.core.audit.Finding;
import io.kb4sync.core.audit.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditHtmlTest {
  static final String XSS = "<script>alert(1)</script>";

  static AuditReport audit(String company, Finding... findings) {
    return new AuditReport(
        company,
        "1001",
        "2026-11-30T06:00:00Z",
        true,
        0,
        new AuditReport.Summary(
            3,
            2,
            2,
            0,
            1,
            null,
            null,
            findings.length,
            0,
            findings.length,
            0,
            List.of(
                new AuditReport.CategoryCount(
                    Category.MISSING_FROM_KNOWBE4, XSS, Severity.WARNING, 1, 1))),
        new AuditReport.NextSync(
            "kb4sync sync --config '" + XSS + "' --company 1001",
            false,
            true,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            null),
        List.of(findings),
        List.of(XSS),
        List.of());
  }

  static Finding xssFinding() {
    return new Finding(
        Category.MISSING_FROM_KNOWBE4,
        Severity.WARNING,
        XSS,
        XSS,
        List.of(new AffectedUser(XSS + "@acme.example", XSS, XSS, "\" onmouseover=\"x", null)),
        XSS,
        XSS);
  }

  @Test
  void every_value_is_escaped_so_the_page_holds_exactly_one_script_its_own() {
    String page = AuditHtml.page(List.of(audit(XSS, xssFinding())));

    assertThat(page).doesNotContain(XSS);
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;@acme.example");
    assertThat(page).doesNotContain("\" onmouseover=\"x");
    assertThat(page.split("<script", -1)).hasSize(2);
  }

  @Test
  void the_page_loads_nothing_from_outside_and_allows_only_its_own_script_by_hash() {
    String page = AuditHtml.page(List.of(audit("Acme", xssFinding())));

    assertThat(page).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    assertThat(page).doesNotContain("<link").doesNotContain("@import");
    assertThat(page)
        .contains("default-src 'none'")
        .contains("script-src '" + AuditHtml.scriptHash() + "'");
    assertThat(AuditHtml.scriptHash()).startsWith("sha256-");
  }

  @Test
  void several_companies_get_an_overview_and_a_section_each() {
    String page = AuditHtml.page(List.of(audit("Acme"), audit("Beta", xssFinding())));

    assertThat(page).contains("<title>KnowBe4 audit — 2 companies</title>");
    assertThat(page).contains("id=\"company-1\"").contains("id=\"company-2\"");
    assertThat(page).contains("<a href=\"#company-2\">Beta</a>");
  }

  @Test
  void escape_turns_the_five_special_characters_into_entities() {
    assertThat(AuditHtml.escape("<a href='x'>\"&\"</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
    assertThat(AuditHtml.escape(null)).isEmpty();
  }
}
