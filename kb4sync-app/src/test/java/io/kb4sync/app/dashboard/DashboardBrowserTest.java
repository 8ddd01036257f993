package io.kb4sync.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.app.RealConnectors;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.server.Book;
import io.kb4sync.server.Role;
import io.kb4sync.simulators.demo.DemoWorld;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against {@code serve --demo}'s book: the simulators,
 * the service on a SQLite file, the API server with the pages on loopback. One browser for the
 * class, a fresh demo for each test.
 */
class DashboardBrowserTest {
  static final String XSS = "<img src=x onerror=alert(1)>";
  static Browser browser;

  DashboardDemo demo;

  @BeforeAll
  static void startTheBrowser() throws Exception {
    Browser.requireChromium();
    browser = Browser.start();
  }

  @AfterAll
  static void stopTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void startTheDemo() {
    demo =
        DashboardDemo.start(
            new RealConnectors(),
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new StopSignal(),
            0);
    browser.driver.manage().deleteAllCookies();
    browser.width(1280);
  }

  @AfterEach
  void stopTheDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  // ---- sign-in and the companies page ----

  @Test
  void signing_in_with_a_local_account_shows_the_companies_worst_first() {
    signIn(DashboardDemo.ADMIN, demo.password());

    assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Companies");
    assertThat(rows())
        .containsExactly(
            "Tailspin Toys: Failing",
            "Litware Legal: Held archives",
            "Northwind Traders: Never run",
            "Contoso Dental: OK");
    assertThat(browser.driver.findElement(By.className("tally")).getText())
        .contains("4 companies", "1 failing", "1 with held archives", "1 never run", "1 OK");
  }

  @Test
  void a_wrong_password_signs_nobody_in() {
    signIn(DashboardDemo.ADMIN, "not-the-password".toCharArray());

    assertThat(browser.driver.findElement(By.id("login-error")).getText())
        .isEqualTo("Wrong name or password.");
    browser.driver.get(demo.url());
    assertThat(browser.driver.getCurrentUrl()).contains("/login");
  }

  @Test
  void the_filter_and_the_search_work_without_script() {
    signIn(DashboardDemo.ADMIN, demo.password());

    browser.driver.get(demo.url() + "?filter=held");
    assertThat(rows()).containsExactly("Litware Legal: Held archives");
    browser.driver.get(demo.url() + "?q=north");
    assertThat(rows()).containsExactly("Northwind Traders: Never run");
    browser.driver.get(demo.url() + "?sort=name");
    assertThat(rows())
        .containsExactly(
            "Contoso Dental: OK",
            "Litware Legal: Held archives",
            "Northwind Traders: Never run",
            "Tailspin Toys: Failing");
  }

  // ---- runs ----

  @Test
  void dry_run_now_shows_the_progress_and_then_the_report() {
    // Graph answers are held until the run's page has shown it going: a latency only made it
    // likely that the run was still going when its page opened (on a loaded machine it could have
    // ended, and the page would show the report and no #progress).
    SimServer.Hold graph = demo.book().northwind().graph().hold();
    try {
      signIn(DashboardDemo.ADMIN, demo.password());
      browser.driver.get(demo.url() + "companies/" + DemoWorld.COMPANY_ID);

      browser.driver.findElement(By.id("dry-run")).click();

      new WebDriverWait(browser.driver, Duration.ofSeconds(10))
          .until(ExpectedConditions.urlContains("/runs/"));
      assertThat(browser.driver.findElement(By.id("progress")).getText()).startsWith("Status: ");
    } finally {
      graph.close();
    }
    new WebDriverWait(browser.driver, Duration.ofSeconds(60))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("report-h")));
    assertThat(browser.driver.findElement(By.id("run-result")).getText()).isEqualTo("ok");
    String report = browser.driver.findElement(By.className("report")).getText();
    assertThat(report).contains("Would be created (30)", "Would be archived (4)");
    assertThat(report).contains(DemoWorld.expectedCreates().get(0));
    assertThat(demo.book().northwind().knowbe4().log().writes()).isZero();
  }

  // ---- held archives ----

  @Test
  void an_admin_approving_held_archives_archives_exactly_those_users() {
    KnowBe4Simulator knowbe4 = demo.book().sample(DemoBook.HELD).knowbe4();
    signIn(DashboardDemo.ADMIN, demo.password());
    browser.driver.get(demo.url() + "held");

    browser.driver.findElement(By.id("approve-" + DemoBook.HELD)).click();

    waitForTheReport();
    assertThat(browser.driver.findElement(By.id("run-result")).getText()).isEqualTo("ok");
    for (String leaver : DemoBook.HELD_LEAVERS) {
      assertThat(knowbe4.findByEmail(leaver + "@litware.example").orElseThrow().archivedAt())
          .as(leaver)
          .isNotNull();
    }
    assertThat(knowbe4.activeUsers())
        .extracting(u -> u.email())
        .containsExactlyInAnyOrder(
            "fay.fox@litware.example",
            "gil.gray@litware.example",
            "hal.hunt@litware.example",
            "ida.ives@litware.example");
    browser.driver.get(demo.url() + "held");
    assertThat(browser.driver.findElements(By.id("approve-" + DemoBook.HELD))).isEmpty();
  }

  @Test
  void when_the_directory_changes_before_approval_nothing_is_archived_and_the_new_set_is_held() {
    KnowBe4Simulator knowbe4 = demo.book().sample(DemoBook.HELD).knowbe4();
    signIn(DashboardDemo.ADMIN, demo.password());
    browser.driver.get(demo.url() + "companies/" + DemoBook.HELD);
    String shown = held().fingerprint();

    knowbe4.seedUser(UserSeed.of("tam.leaver@litware.example").named("Tam", "Leaver"));
    browser.driver.findElement(By.id("approve-" + DemoBook.HELD)).click();

    waitForTheReport();
    assertThat(browser.driver.findElement(By.id("run-result")).getText()).isEqualTo("held");
    assertThat(knowbe4.users()).allSatisfy(u -> assertThat(u.archivedAt()).isNull());
    Book.HeldSet now = held();
    assertThat(now.fingerprint()).isNotEqualTo(shown);
    assertThat(now.users()).hasSize(6);
    browser.driver.get(demo.url() + "companies/" + DemoBook.HELD);
    assertThat(browser.driver.findElement(By.cssSelector("section.held")).getText())
        .contains("tam.leaver@litware.example", now.fingerprint());
  }

  @Test
  void a_dismissed_held_set_no_longer_counts_as_waiting() {
    signIn(DashboardDemo.ADMIN, demo.password());
    browser.driver.get(demo.url() + "held");

    browser.driver.findElement(By.id("dismiss-" + DemoBook.HELD)).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/companies/" + DemoBook.HELD));

    assertThat(browser.driver.findElements(By.id("approve-" + DemoBook.HELD))).isEmpty();
    browser.driver.get(demo.url());
    assertThat(rows()).contains("Litware Legal: OK");
    assertThat(demo.book().sample(DemoBook.HELD).knowbe4().users())
        .allSatisfy(u -> assertThat(u.archivedAt()).isNull());
  }

  // ---- roles and forged requests ----

  @Test
  void a_viewer_sees_no_action_and_a_forged_post_by_a_viewer_is_refused() {
    demo.people().add("vera", Role.VIEWER, "viewer-password-1".toCharArray());
    signIn("vera", "viewer-password-1".toCharArray());
    browser.driver.get(demo.url() + "companies/" + DemoBook.HELD);

    assertThat(browser.driver.findElement(By.cssSelector("section.held")).getText())
        .contains("ola.leaver@litware.example");
    assertThat(browser.driver.findElements(By.cssSelector("main form[method=post]"))).isEmpty();
    assertThat(browser.driver.findElements(By.id("approve-" + DemoBook.HELD))).isEmpty();
    assertThat(browser.driver.findElements(By.id("dry-run"))).isEmpty();
    String csrf =
        browser.driver.findElement(By.name("csrf")).getAttribute("value"); // the sign-out form's
    long status =
        browser.post(
            "/companies/" + DemoBook.HELD + "/held/approve",
            Map.of("csrf", csrf, "fingerprint", held().fingerprint()));

    assertThat(status).isEqualTo(403);
    assertThat(runsOf(DemoBook.HELD)).hasSize(1);
    assertThat(
            browser.post(
                "/companies/" + DemoBook.CLEAN + "/runs", Map.of("csrf", csrf, "what", "sync")))
        .isEqualTo(403);
    assertThat(runsOf(DemoBook.CLEAN)).hasSize(1);
  }

  @Test
  void a_post_without_the_csrf_token_is_refused() {
    signIn(DashboardDemo.ADMIN, demo.password());
    browser.driver.get(demo.url());

    long status = browser.post("/companies/" + DemoBook.CLEAN + "/runs", Map.of("what", "sync"));

    assertThat(status).isEqualTo(403);
    assertThat(runsOf(DemoBook.CLEAN)).hasSize(1);
    String csrf = browser.driver.findElement(By.name("csrf")).getAttribute("value");
    assertThat(
            browser.post(
                "/companies/" + DemoBook.CLEAN + "/runs",
                Map.of("what", "dry_run", "csrf", csrf + "x")))
        .isEqualTo(403);
    assertThat(runsOf(DemoBook.CLEAN)).hasSize(1);
  }

  // ---- hostile text ----

  @Test
  void a_user_named_like_markup_renders_as_text_and_runs_no_script() {
    demo.book()
        .tenant(DemoBook.CLEAN)
        .addUser(
            u ->
                u.upn("mal@contoso.onmicrosoft.com")
                    .mail("mal@contoso.example")
                    .proxyAddress("SMTP:mal@contoso.example")
                    .name(XSS, "Hostile")
                    .license(DemoWorld.E3));
    signIn(DashboardDemo.ADMIN, demo.password());
    browser.driver.get(demo.url() + "companies/" + DemoBook.CLEAN);

    browser.driver.findElement(By.id("dry-run")).click();
    waitForTheReport();

    assertThat(browser.driver.findElement(By.className("report")).getText())
        .contains(XSS + " Hostile");
    assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
    assertThatThrownBy(() -> browser.driver.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    browser.driver.findElement(By.cssSelector("form.signout button")).click();
    signIn(XSS, "not-a-password-at-all".toCharArray());
    assertThat(browser.driver.findElement(By.id("name")).getAttribute("value")).isEqualTo(XSS);
    assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
    assertThatThrownBy(() -> browser.driver.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }

  // ---- keyboard, accessibility, screenshots ----

  @Test
  void the_keyboard_alone_reaches_every_action_of_every_page() {
    signIn(DashboardDemo.ADMIN, demo.password());
    List<String> missed = new ArrayList<>();
    for (String page :
        List.of(
            "",
            "companies/" + DemoBook.HELD,
            "held",
            "runs/" + held().runId(),
            "admin/users",
            "admin/log")) {
      browser.driver.get(demo.url() + page);
      List<WebElement> actions =
          browser.driver.findElements(
              By.cssSelector("a[href], button, input:not([type=hidden]), select"));

      Set<WebElement> reached = new LinkedHashSet<>();
      for (int i = 0; i < 300 && !reached.containsAll(actions); i++) {
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        reached.add(browser.driver.switchTo().activeElement());
      }

      actions.stream()
          .filter(a -> !reached.contains(a))
          .map(a -> "/" + page + ": " + a.getAttribute("outerHTML"))
          .forEach(missed::add);
    }
    assertThat(missed).isEmpty();
    browser.driver.get(demo.url() + "companies/" + DemoBook.HELD);
    WebElement dryRun = browser.driver.findElement(By.id("dry-run"));
    for (int i = 0; i < 200 && !dryRun.equals(browser.driver.switchTo().activeElement()); i++) {
      browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    new WebDriverWait(browser.driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.urlContains("/runs/"));
  }

  @Test
  void no_page_has_a_serious_or_critical_accessibility_violation_at_either_width() {
    browser.driver.get(demo.url() + "login");
    List<String> violations = new ArrayList<>(on("login"));
    signIn(DashboardDemo.ADMIN, demo.password());
    String heldRun = held().runId();
    Map<String, String> pages =
        new java.util.LinkedHashMap<>(
            Map.of(
                "companies", "",
                "company", "companies/" + DemoBook.HELD,
                "run", "runs/" + heldRun,
                "held", "held",
                "users", "admin/users"));
    pages.put("failing-company", "companies/" + DemoBook.FAILING);
    pages.put("admin-log", "admin/log");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      browser.driver.get(demo.url() + page.getValue());
      violations.addAll(on(page.getKey()));
    }

    assertThat(violations).isEmpty();
  }

  private List<String> on(String page) {
    List<String> found = new ArrayList<>();
    for (int width : new int[] {1280, 375}) {
      browser.width(width);
      browser.seriousViolations().forEach(v -> found.add(page + " at " + width + " px: " + v));
      browser.screenshot(page, width);
    }
    return found;
  }

  // ---- helpers ----

  void signIn(String name, char[] password) {
    browser.driver.get(demo.url() + "login");
    browser.driver.findElement(By.id("name")).sendKeys(name);
    browser.driver.findElement(By.id("password")).sendKeys(new String(password));
    browser.driver.findElement(By.cssSelector("form.login button")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(
            d ->
                !d.getCurrentUrl().endsWith("/login")
                    || !d.findElements(By.id("login-error")).isEmpty());
  }

  /** The companies page's rows as {@code name: status}. */
  List<String> rows() {
    List<String> out = new ArrayList<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector("table.companies tbody tr"))) {
      out.add(
          row.findElement(By.tagName("th")).getText()
              + ": "
              + row.findElement(By.className("badge")).getText());
    }
    return out;
  }

  void waitForTheReport() {
    new WebDriverWait(browser.driver, Duration.ofSeconds(60))
        .until(
            d ->
                d.getCurrentUrl().contains("/runs/")
                    && !d.findElements(By.id("run-result")).isEmpty()
                    && d.findElements(By.id("progress")).isEmpty());
  }

  Book.HeldSet held() {
    return demo.service().book().held(DemoBook.HELD).orElseThrow();
  }

  List<RunRecord> runsOf(String companyId) {
    return demo.service().book().runs(new Book.RunFilter(companyId, null, 50, null));
  }
}
