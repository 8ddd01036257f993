package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.onboard.MspBook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} over a book of tenants sharing one multi-tenant app ({@code defaults.m365}): a
 * company without {@code m365.tenant_id} is checked in its mapped tenant, and each tenant where the
 * app is not consented or lacks a permission is named with its admin-consent URL.
 */
class DoctorTenantsTest {
  @TempDir Path dir;
  MspBook book;
  KnowBe4Simulator knowbe4;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  Path config;

  @BeforeEach
  void start() throws IOException {
    book = MspBook.start();
    knowbe4 = KnowBe4Simulator.start("kb4-token", "kb4-key");
    knowbe4.account("Book", List.of("acme.example"));
    String base = book.graph().baseUri().toString();
    config = dir.resolve("kb4sync.yaml");
    Files.writeString(
        config,
        """
        state: "sqlite:./state.db"
        defaults:
          m365: { client_id: "%s", client_secret: "${env:APP_SECRET}", graph_url: "%s", login_url: "%s" }
        companies:
          - company_id: "1001"
            name: "Acme Corp"
            knowbe4: { scim_url: "%s", scim_token: "kb4-token" }
          - company_id: "1009"
            name: "Northwind Traders"
            m365: { tenant_id: "%s" }
            knowbe4: { scim_url: "%s", scim_token: "kb4-token" }
        """
            .formatted(
                MspBook.APP_CLIENT_ID,
                base,
                base,
                knowbe4.scimUrl(),
                book.tenant("northwind").tenantId(),
                knowbe4.scimUrl()));
  }

  @AfterEach
  void stop() {
    book.close();
    knowbe4.close();
  }

  int run(String... args) {
    out.reset();
    err.reset();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.systemUTC(),
            dir,
            Map.of("APP_SECRET", MspBook.APP_SECRET)::get);
    return Main.run(cli, args);
  }

  String table() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The table's line of a check, e.g. {@code sign-in to GUID}. */
  String line(String check) {
    return table().lines().filter(l -> l.contains(check)).findFirst().orElse("(no such line)");
  }

  String consentUrl(String tenant) {
    return book.graph().baseUri()
        + "/"
        + tenant
        + "/adminconsent?client_id="
        + MspBook.APP_CLIENT_ID;
  }

  @Test
  void a_company_without_tenant_id_is_checked_in_its_mapped_tenant() {
    String acme = book.tenant("acme").tenantId();
    assertThat(
            run(
                "companies",
                "map",
                "--config",
                config.toString(),
                "--company",
                "1001",
                "--tenant",
                acme))
        .isZero();

    run("doctor", "--config", config.toString(), "--company", "1001");

    assertThat(line("sign-in to " + acme)).contains("PASS");
    assertThat(line("GET /users needs User.Read.All")).contains("PASS");
    assertThat(book.graph().log().count(r -> r.path().startsWith("/" + acme + "/"))).isPositive();
  }

  @Test
  void
      a_company_with_neither_tenant_nor_mapping_fails_its_check_and_the_others_are_still_checked() {
    int exit = run("doctor", "--config", config.toString(), "--all-companies");

    assertThat(exit).isEqualTo(1);
    assertThat(table())
        .contains("no Microsoft 365 tenant: neither m365.tenant_id nor a stored mapping")
        .contains("kb4sync companies map --config " + config + " --company 1001 --tenant TENANT")
        .contains("sign-in to " + book.tenant("northwind").tenantId());
  }

  @Test
  void company_with_all_companies_is_a_usage_error_in_one_line_as_for_sync_and_audit() {
    for (String command : new String[] {"sync", "audit", "doctor"}) {
      int exit =
          run(command, "--config", config.toString(), "--company", "1009", "--all-companies");

      assertThat(exit).as(command).isEqualTo(2);
      assertThat(table()).as(command).isEmpty();
      assertThat(err.toString(StandardCharsets.UTF_8))
          .as(command)
          .isEqualTo(
              "kb4sync: "
                  + command
                  + ": give exactly one of --company ID and --all-companies"
                  + System.lineSeparator());
    }
    assertThat(book.graph().log().all()).isEmpty();
  }

  @Test
  void a_tenant_that_has_not_consented_is_named_with_its_admin_consent_url() {
    String northwind = book.tenant("northwind").tenantId();

    int exit = run("doctor", "--config", config.toString(), "--company", "1009");

    assertThat(exit).isEqualTo(1);
    assertThat(line("sign-in to " + northwind))
        .contains("FAIL")
        .contains("not consented")
        .contains("AADSTS65001");
    assertThat(table())
        .contains(
            "-> the app is not consented in tenant "
                + northwind
                + ": have an administrator of that tenant open "
                + consentUrl(northwind))
        .doesNotContain(MspBook.APP_SECRET);
  }

  @Test
  void
      a_tenant_where_the_app_lacks_a_permission_is_named_with_the_permission_and_the_consent_url() {
    String northwind = book.tenant("northwind").tenantId();
    book.tenant("northwind").consentNotGranted(false);
    book.tenant("northwind").deny("User.Read.All");

    run("doctor", "--config", config.toString(), "--company", "1009");

    assertThat(line("GET /users needs User.Read.All")).contains("FAIL");
    assertThat(table())
        .contains(
            "-> grant the application permission User.Read.All to the app (missing permission),"
                + " then have an administrator of tenant "
                + northwind
                + " consent again at "
                + consentUrl(northwind));
  }
}
