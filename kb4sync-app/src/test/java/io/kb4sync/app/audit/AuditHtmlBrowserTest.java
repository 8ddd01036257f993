package io.kb4sync.app.audit;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.core.audit.AuditSchema;
import io.kb4sync.core.testing.InMemoryPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the audit page in a real headless Chromium (Debian's {@code chromium} package) and reads
 * the DOM it rendered. Skipped when {@code /usr/bin/chromium} is missing, unless {@code
 * KB4SYNC_REQUIRE_CHROMIUM=1} (set by {@code .ci/run}) turns a missing browser into a failure.
 */
class AuditHtmlBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String XSS = "<script>alert(1)</script>";
  static final String XSS_TEXT = "&lt;script&gt;alert(1)&lt;/script&gt;";

  @TempDir Path dir;
  TestConnectors connectors;

  @BeforeAll
  static void chromiumIsThere() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    if ("1".equals(System.getenv("KB4SYNC_REQUIRE_CHROMIUM"))) {
      fail(
          CHROMIUM
              + " is missing and KB4SYNC_REQUIRE_CHROMIUM=1: install Debian's chromium package"
              + " (.ci/run does)");
    }
    Assumptions.abort(CHROMIUM + " is missing: the browser test is skipped");
  }

  @BeforeEach
  void aCompanyWithAHostileName() {
    connectors = new TestConnectors();
    connectors.company(
        "1001",
        tenant(
            m365("ann"),
            m365("xss").given(XSS).mail(XSS + "@acme.example"),
            m365("bob"),
            m365("cat")),
        InMemoryPlatform.of(
            account(kb4("ann"), kb4("pat").given(XSS).email("pat@partner.example"))));
  }

  Path config() throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(
        file,
        """
        companies:
          - company_id: "1001"
            name: "Acme <b>Corp</b>"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "s" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
        """);
    return file;
  }

  String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            connectors,
            Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC),
            dir,
            Map.<String, String>of()::get);
    assertThat(Main.run(cli, args)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The DOM Chromium built for the page, serialised. */
  String renderedDom(Path page, String fragment) throws IOException, InterruptedException {
    Path profile = Files.createDirectory(dir.resolve("profile-" + System.nanoTime()));
    Path stdout = dir.resolve("dom-" + System.nanoTime() + ".html");
    Process chromium =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--dump-dom",
                page.toUri() + fragment)
            .redirectOutput(stdout.toFile())
            .redirectError(dir.resolve("chromium.log").toFile())
            .start();
    if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      fail("chromium did not finish within 120 s; see " + dir.resolve("chromium.log"));
    }
    assertThat(chromium.exitValue())
        .as("chromium's exit code (log: %s)", Files.readString(dir.resolve("chromium.log")))
        .isZero();
    return Files.readString(stdout);
  }

  @Test
  void the_rendered_page_shows_the_counts_and_a_script_name_as_text_not_as_an_element()
      throws Exception {
    JsonNode audit =
        AuditSchema.assertValid(
            new ObjectMapper()
                .readTree(run("audit", "--config", config().toString(), "--company", "1001")));
    run(
        "audit",
        "--config",
        config().toString(),
        "--company",
        "1001",
        "--format",
        "html",
        "--output",
        "audit.html");

    String dom = renderedDom(dir.resolve("audit.html"), "");

    for (String kind : List.of("critical", "warning", "info", "findings")) {
      assertThat(dom)
          .contains(
              "data-count=\"" + kind + "\">" + audit.at("/summary/" + kind).asInt() + "</span>");
    }
    assertThat(audit.at("/summary/warning").asInt()).isPositive();
    assertThat(dom)
        .contains("data-count=\"in-scope\">4</span>")
        .contains("data-count=\"active\">2</span>");
    // The bar chart has one bar per category of the summary.
    assertThat(count(dom, "<g class=\"bar\"")).isEqualTo(audit.at("/summary/categories").size());
    // The hostile name and address are text in cells, never an element.
    assertThat(dom).contains("<td>" + XSS_TEXT + "@acme.example</td>");
    assertThat(dom).contains(XSS_TEXT + " Tester");
    assertThat(dom).doesNotContain(XSS);
    assertThat(count(dom, "<script")).isEqualTo(1);
    assertThat(dom).contains("Acme &lt;b&gt;Corp&lt;/b&gt;").doesNotContain("<b>Corp</b>");
    // The page's own script ran under its Content-Security-Policy.
    assertThat(count(dom, "data-sortable=\"ready\"")).isEqualTo(2);
  }

  @Test
  void the_tables_sort_in_the_browser_by_a_column_named_in_the_address() throws Exception {
    run(
        "audit",
        "--config",
        config().toString(),
        "--company",
        "1001",
        "--format",
        "html",
        "--output",
        "audit.html");

    List<Integer> asWritten = userCounts(renderedDom(dir.resolve("audit.html"), ""));
    List<Integer> ascending =
        userCounts(renderedDom(dir.resolve("audit.html"), "#sort=findings:4"));
    List<Integer> descending =
        userCounts(renderedDom(dir.resolve("audit.html"), "#sort=findings:4:desc"));

    assertThat(asWritten).isNotEqualTo(asWritten.stream().sorted().toList());
    assertThat(ascending).isSorted().containsExactlyInAnyOrderElementsOf(asWritten);
    assertThat(descending).isSortedAccordingTo((a, b) -> b - a);
  }

  /** The "Users" column (the fifth) of the findings table, top to bottom. */
  static List<Integer> userCounts(String dom) {
    Matcher table =
        Pattern.compile("<table class=\"sortable findings\".*?</table>", Pattern.DOTALL)
            .matcher(dom);
    assertThat(table.find()).as("a findings table").isTrue();
    List<Integer> counts = new ArrayList<>();
    Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(table.group());
    while (row.find()) {
      Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
      List<String> cells = new ArrayList<>();
      while (cell.find()) {
        cells.add(cell.group(1));
      }
      if (!cells.isEmpty()) {
        counts.add(Integer.parseInt(cells.get(4)));
      }
    }
    return counts;
  }

  static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }
}
