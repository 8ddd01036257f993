package io.kb4sync.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.RealConnectors;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.simulators.signin.IdentityProviderSimulator;
import io.kb4sync.simulators.signin.SignInUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in with Microsoft Entra ID in a real headless Chromium, against the simulated identity
 * provider: the demo's book with {@code server.oidc} pointing at it.
 */
class DashboardEntraBrowserTest {
  static final String TENANT = "msp.onmicrosoft.com";
  static final String CLIENT_ID = "5b2f0c3e-1111-4a59-9d6e-6f7a3b2c1d99";
  static final String SECRET = "entra-client-secret";

  IdentityProviderSimulator idp;
  DashboardDemo demo;
  Browser browser;

  @BeforeEach
  void start() throws Exception {
    Browser.requireChromium();
    idp = IdentityProviderSimulator.start(TENANT, CLIENT_ID, SECRET, Clock.systemUTC());
    String server =
        """
        server:
          oidc:
            tenant_id: "%s"
            client_id: "%s"
            client_secret: "${env:KB4SYNC_TEST_OIDC_SECRET}"
            login_url: "%s"
            roles:
              admin: ["kb4sync.admin"]
              viewer: ["kb4sync.viewer"]
        """
            .formatted(TENANT, CLIENT_ID, idp.baseUri());
    demo =
        DashboardDemo.start(
            new RealConnectors(),
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new StopSignal(),
            0,
            server,
            Map.of("KB4SYNC_TEST_OIDC_SECRET", SECRET));
    browser = Browser.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @Test
  void a_viewer_signs_in_with_entra_id_and_sees_the_book_without_actions() {
    idp.signIn(
        new SignInUser(
            "olivia@msp.example",
            "9a1f4c2e-2222-4b3c-8d9e-0f1a2b3c4d5e",
            List.of("kb4sync.viewer"),
            List.of()));
    browser.driver.get(demo.url() + "companies/" + DemoBook.HELD);

    browser.driver.findElement(By.linkText("Sign in with Microsoft")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(d -> d.getCurrentUrl().contains("/companies/" + DemoBook.HELD));

    assertThat(browser.driver.findElement(By.className("who")).getText())
        .isEqualTo("olivia@msp.example (viewer)");
    assertThat(browser.driver.findElements(By.cssSelector("main form[method=post]"))).isEmpty();
    assertThat(idp.tokenRequests()).isEqualTo(1);
  }
}
