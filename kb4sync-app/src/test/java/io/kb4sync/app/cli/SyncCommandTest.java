package io.kb4sync.app.cli;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.testing.ReportSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {
  static final String SECRET = "s3cr3t-client-secret-value";
  static final String TOKEN = "scim-token-that-must-not-leak";

  @TempDir Path dir;
  TestConnectors connectors;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void twoCompanies() {
    connectors = new TestConnectors();
    connectors.company(
        "1001",
        tenant(m365("ann"), m365("bob")),
        InMemoryPlatform.of(account(kb4("ann"), kb4("old"))));
    connectors.company("1002", tenant(m365("cat")), InMemoryPlatform.of(account()));
  }

  Path config(String yaml) throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static String twoCompanyYaml() {
    return """
        defaults:
          variables:
            knowbe4_default_group: "All Users"
            knowbe4_remove_stale_users: true
        companies:
          - company_id: "1001"
            name: "Acme Corp"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "${env:ACME_SECRET}" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "${env:ACME_TOKEN}" }
            variables:
              knowbe4_remove_stale_users: false
          - company_id: "1002"
            m365: { tenant_id: "beta.onmicrosoft.com", client_id: "app", client_secret: "plain" }
            knowbe4: { scim_url: "https://eu.knowbe4.com/scim/v2", scim_token: "t", region: eu }
        """;
  }

  int run(String... args) {
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            connectors,
            Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC),
            dir,
            java.util.Map.of("ACME_SECRET", SECRET, "ACME_TOKEN", TOKEN)::get);
    return Main.run(cli, args);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sync_prints_exactly_one_json_report_on_stdout_and_exits_0() throws IOException {
    int exit = run("sync", "--config", config(twoCompanyYaml()).toString(), "--company", "1001");

    assertThat(exit).isZero();
    JsonNode report = ReportSchema.assertValid(new ObjectMapper().readTree(stdout()));
    assertThat(report.at("/sync_summary/company").asText()).isEqualTo("Acme Corp");
    assertThat(report.at("/sync_summary/users_created").asInt()).isEqualTo(1);
    assertThat(report.at("/sync_summary/users_archived").asInt()).isZero();
  }

  @Test
  void the_companys_variables_win_over_defaults_and_the_command_line_wins_over_both()
      throws IOException {
    Path file = config(twoCompanyYaml());

    run("sync", "--config", file.toString(), "--company", "1001", "--remove-stale-users");

    JsonNode report = new ObjectMapper().readTree(stdout());
    assertThat(report.at("/users_archived/0/email").asText()).isEqualTo("old@acme.example");
    assertThat(report.at("/users_created/0/knowbe4_group").asText()).isEqualTo("All Users");
  }

  @Test
  void tenant_on_the_command_line_replaces_the_configured_tenant() throws IOException {
    run(
        "sync",
        "--config",
        config(twoCompanyYaml()).toString(),
        "--company",
        "1001",
        "--tenant",
        "other.onmicrosoft.com");

    assertThat(connectors.tenantsRead()).containsExactly("other.onmicrosoft.com");
  }

  @Test
  void a_tenant_that_is_neither_a_guid_nor_a_domain_is_a_usage_error() throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--company",
            "1001",
            "--tenant",
            "other/../tenant");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr().strip())
        .isEqualTo(
            "kb4sync: sync: --tenant: tenant_id: 'other/../tenant' is neither a tenant GUID nor a"
                + " domain name");
    assertThat(connectors.connections()).isZero();
  }

  @Test
  void a_key_written_twice_exits_2_with_one_line_naming_it_and_both_lines() throws IOException {
    String yaml = twoCompanyYaml().replace("name: \"Acme Corp\"", "name: A\n    name: B");

    int exit = run("sync", "--config", config(yaml).toString(), "--company", "1001");

    assertThat(exit).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr().strip())
        .endsWith("kb4sync.yaml: companies[0].name: duplicate key, at lines 7 and 8")
        .doesNotContain("\n");
    assertThat(connectors.connections()).isZero();
  }

  @Test
  void all_companies_prints_an_array_and_one_failure_does_not_stop_the_others() throws IOException {
    connectors.failing(
        "1001",
        new RemoteException(
            RemoteException.Kind.UNAUTHORIZED,
            "Microsoft Graph",
            "Microsoft 365 sign-in failed for tenant acme.onmicrosoft.com: AADSTS7000215"));

    int exit = run("sync", "--config", config(twoCompanyYaml()).toString(), "--all-companies");

    assertThat(exit).isEqualTo(1);
    JsonNode reports = new ObjectMapper().readTree(stdout());
    assertThat(reports.isArray()).isTrue();
    assertThat(reports).hasSize(2);
    reports.forEach(ReportSchema::assertValid);
    assertThat(reports.get(0).at("/errors/0/message").asText()).contains("AADSTS7000215");
    assertThat(reports.get(1).at("/sync_summary/users_created").asInt()).isEqualTo(1);
    assertThat(connectors.platform("1002").writes()).isNotEmpty();
  }

  @Test
  void output_also_writes_the_report_to_a_file_relative_to_the_calling_folder() throws IOException {
    run(
        "sync",
        "--config",
        config(twoCompanyYaml()).toString(),
        "--company",
        "1002",
        "--output",
        "out/report.json");

    assertThat(Files.readString(dir.resolve("out/report.json")).trim()).isEqualTo(stdout().trim());
  }

  @Test
  void every_run_is_recorded_in_the_history_dry_runs_included() throws IOException {
    run("sync", "--config", config(twoCompanyYaml()).toString(), "--company", "1002", "--dry-run");

    assertThat(connectors.runs("1002"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.dryRun()).isTrue();
              assertThat(r.options()).isEqualTo("--dry-run");
              assertThat(r.reportJson()).contains("\"dry_run\" : true");
            });
    assertThat(connectors.platform("1002").writes()).isEmpty();
  }

  @Test
  void secrets_appear_in_neither_stdout_nor_stderr_nor_the_run_history() throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--all-companies",
            "--dry-run");

    assertThat(exit).isZero();
    assertThat(stdout()).doesNotContain(SECRET).doesNotContain(TOKEN);
    assertThat(stderr()).doesNotContain(SECRET).doesNotContain(TOKEN);
    assertThat(connectors.runs("1001"))
        .allSatisfy(
            r ->
                assertThat(r.reportJson() + r.options())
                    .doesNotContain(SECRET)
                    .doesNotContain(TOKEN));
  }

  @Test
  void a_bare_allow_mass_archive_is_a_usage_error_that_shows_the_form() throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--company",
            "1001",
            "--allow-mass-archive");

    assertThat(exit).isEqualTo(2);
    assertThat(stdout()).isEmpty();
    assertThat(stderr()).contains("--allow-mass-archive=N").doesNotContain("\n\n");
  }

  @Test
  void a_bare_allow_mass_archive_before_another_option_is_the_same_usage_error()
      throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--allow-mass-archive",
            "--company",
            "1001");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("give consent as --allow-mass-archive=N");
    assertThat(connectors.platform("1001").writes()).isEmpty();
  }

  @Test
  void an_allowance_that_is_not_a_number_is_a_usage_error() throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--company",
            "1001",
            "--allow-mass-archive=ten");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("'ten' is not an int");
  }

  @Test
  void allow_mass_archive_with_all_companies_is_a_usage_error_since_consent_is_per_company()
      throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--all-companies",
            "--allow-mass-archive=3");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("consent is per company");
    assertThat(connectors.platform("1002").writes()).isEmpty();
  }

  @Test
  void a_negative_allowance_is_a_usage_error() throws IOException {
    int exit =
        run(
            "sync",
            "--config",
            config(twoCompanyYaml()).toString(),
            "--company",
            "1001",
            "--allow-mass-archive=-1");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("--allow-mass-archive=N");
  }
}
