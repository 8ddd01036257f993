package io.kb4sync.app.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver: nothing is
 * downloaded. Skipped when either is missing, unless {@code KB4SYNC_REQUIRE_CHROMIUM=1} (set by
 * {@code .ci/run}) turns that into a failure.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Skips (or fails, under KB4SYNC_REQUIRE_CHROMIUM=1) when the browser is not installed. */
  static void requireChromium() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    if ("1".equals(System.getenv("KB4SYNC_REQUIRE_CHROMIUM"))) {
      fail(
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing and KB4SYNC_REQUIRE_CHROMIUM=1: install Debian's chromium and"
              + " chromium-driver packages (.ci/run does)");
    }
    Assumptions.abort(CHROMIUM + " or " + CHROMEDRIVER + " is missing: browser tests skipped");
  }

  static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("kb4sync-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return new Browser(driver, profile);
  }

  void width(int width) {
    driver.manage().window().setSize(new Dimension(width, width < 600 ? 800 : 900));
  }

  /**
   * A full-width screenshot of the page at this width, as {@code target/screenshots/NAME-W.png}.
   */
  void screenshot(String name, int width) {
    width(width);
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + "-" + width + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    width(1280);
  }

  /** axe-core's serious and critical violations of the page, one line each. */
  @SuppressWarnings("unchecked")
  List<String> seriousViolations() {
    JavascriptExecutor js = driver;
    js.executeScript(axe());
    Object result =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' ||"
                + " v.impact === 'critical').map(v => v.id + ' (' + v.impact + '): ' + v.help"
                + " + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
    return (List<String>) result;
  }

  /** A POST from the page's own script (same origin, session cookie): its status. */
  long post(String path, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    Object status =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin', redirect:"
                + " 'manual', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: arguments[1]}).then(r => done(r.status)).catch(e => done(-1));",
            path,
            body.toString());
    return ((Number) status).longValue();
  }

  private static String axeSource;

  private static synchronized String axe() {
    if (axeSource == null) {
      try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
        axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axeSource;
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a profile file still held by a closing browser: the temp folder keeps it
                }
              });
    } catch (IOException e) {
      // left in the temp folder
    }
  }
}
