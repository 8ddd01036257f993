package io.kb4sync.app.cli;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kb4sync companies map|unmap|list} and what a sync makes of a mapping: a company without
 * {@code m365.tenant_id} uses it, {@code --tenant} still wins, with neither exit 2 naming both.
 */
class CompaniesCommandTest {
  static final String GUID = "6babcaad-604b-40ac-a9d7-9fd97c0b779f";

  @TempDir Path dir;
  TestConnectors connectors;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  String file;

  @BeforeEach
  void oneAppForTwoCompanies() throws IOException {
    connectors = new TestConnectors();
    connectors.company("1001", tenant(m365("ann")), InMemoryPlatform.of(account()));
    connectors.company("1002", tenant(m365("bob")), InMemoryPlatform.of(account()));
    Path path = dir.resolve("kb4sync.yaml");
    Files.writeString(
        path,
        """
        defaults:
          m365: { client_id: "msp-app", client_secret: "${env:MSP_SECRET}" }
        companies:
          - company_id: "1001"
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
          - company_id: "1002"
            m365: { tenant_id: "beta.onmicrosoft.com" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
        """);
    file = path.toString();
  }

  int run(String... args) {
    out.reset();
    err.reset();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            connectors,
            Clock.fixed(Instant.parse("2026-12-04T06:00:00Z"), ZoneOffset.UTC),
            dir,
            Map.of("MSP_SECRET", "s")::get);
    return Main.run(cli, args);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void a_company_without_tenant_id_and_without_mapping_is_a_usage_error_naming_both_ways() {
    assertThat(run("sync", "--config", file, "--company", "1001", "--dry-run")).isEqualTo(2);

    assertThat(stderr())
        .contains("company \"1001\" has no Microsoft 365 tenant")
        .contains("m365.tenant_id")
        .contains("kb4sync companies map --config " + file + " --company 1001 --tenant TENANT");
    assertThat(connectors.tenantsRead()).isEmpty();
  }

  @Test
  void with_all_companies_a_company_without_a_tenant_reports_config_error_and_the_others_sync()
      throws IOException {
    assertThat(run("sync", "--config", file, "--all-companies", "--dry-run")).isEqualTo(2);

    JsonNode reports = new ObjectMapper().readTree(stdout());
    assertThat(reports).hasSize(2);
    JsonNode unmapped = reports.get(0);
    assertThat(unmapped.get("company_id").asText()).isEqualTo("1001");
    assertThat(unmapped.get("outcome").asText()).isEqualTo("config_error");
    assertThat(unmapped.get("exit_code").asInt()).isEqualTo(2);
    assertThat(unmapped.at("/errors/0/operation").asText()).isEqualTo("configuration");
    assertThat(unmapped.at("/errors/0/message").asText())
        .contains("kb4sync companies map --config " + file + " --company 1001 --tenant TENANT");
    assertThat(reports.get(1).get("company_id").asText()).isEqualTo("1002");
    assertThat(reports.get(1).get("outcome").asText()).isEqualTo("ok");
    assertThat(connectors.tenantsRead()).containsExactly("beta.onmicrosoft.com");
    assertThat(stderr()).contains("[1001] ").contains("has no Microsoft 365 tenant");
  }

  @Test
  void
      with_all_companies_an_audit_of_a_company_without_a_tenant_is_a_config_error_beside_the_others()
          throws IOException {
    assertThat(run("audit", "--config", file, "--all-companies")).isEqualTo(2);

    JsonNode audits = new ObjectMapper().readTree(stdout());
    assertThat(audits).hasSize(2);
    assertThat(audits.get(0).get("exit_code").asInt()).isEqualTo(2);
    assertThat(audits.get(0).at("/errors/0/message").asText()).contains("companies map");
    assertThat(audits.get(1).get("complete").asBoolean()).isTrue();
    assertThat(connectors.tenantsRead()).containsExactly("beta.onmicrosoft.com");
  }

  @Test
  void a_mapped_company_signs_in_to_its_mapped_tenant() {
    assertThat(run("companies", "map", "--config", file, "--company", "1001", "--tenant", GUID))
        .as(stderr())
        .isZero();
    assertThat(stderr()).contains("company 1001 mapped to tenant " + GUID);

    assertThat(run("sync", "--config", file, "--company", "1001", "--dry-run"))
        .as(stderr())
        .isZero();

    assertThat(connectors.tenantsRead()).containsExactly(GUID);
  }

  @Test
  void tenant_on_the_command_line_wins_over_the_mapping() {
    run("companies", "map", "--config", file, "--company", "1001", "--tenant", GUID);

    assertThat(
            run(
                "sync",
                "--config",
                file,
                "--company",
                "1001",
                "--dry-run",
                "--tenant",
                "other.onmicrosoft.com"))
        .as(stderr())
        .isZero();

    assertThat(connectors.tenantsRead()).containsExactly("other.onmicrosoft.com");
  }

  @Test
  void the_configurations_tenant_id_wins_over_a_mapping() {
    run("companies", "map", "--config", file, "--company", "1002", "--tenant", GUID);

    run("sync", "--config", file, "--company", "1002", "--dry-run");

    assertThat(connectors.tenantsRead()).containsExactly("beta.onmicrosoft.com");
    assertThat(stderr()).doesNotContain(GUID);
  }

  @Test
  void list_shows_each_companys_tenant_and_where_it_comes_from() throws IOException {
    run("companies", "map", "--config", file, "--company", "1001", "--tenant", GUID);

    assertThat(run("companies", "list", "--config", file)).as(stderr()).isZero();

    JsonNode rows = new ObjectMapper().readTree(stdout());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("company_id").asText()).isEqualTo("1001");
    assertThat(rows.get(0).get("tenant_id").asText()).isEqualTo(GUID);
    assertThat(rows.get(0).get("source").asText()).isEqualTo("mapping");
    assertThat(rows.get(0).get("mapped_at").asText()).isEqualTo("2026-12-04T06:00:00Z");
    assertThat(rows.get(1).get("tenant_id").asText()).isEqualTo("beta.onmicrosoft.com");
    assertThat(rows.get(1).get("source").asText()).isEqualTo("configuration");
  }

  @Test
  void unmap_forgets_the_tenant_and_an_unmapped_company_is_a_usage_error() {
    run("companies", "map", "--config", file, "--company", "1001", "--tenant", GUID);

    assertThat(run("companies", "unmap", "--config", file, "--company", "1001")).isZero();
    assertThat(run("sync", "--config", file, "--company", "1001", "--dry-run")).isEqualTo(2);
    assertThat(run("companies", "unmap", "--config", file, "--company", "1001")).isEqualTo(2);
    assertThat(stderr()).contains("company \"1001\" has no mapping");
  }

  @Test
  void map_refuses_an_unknown_company_and_a_tenant_that_is_no_guid_or_domain() {
    assertThat(run("companies", "map", "--config", file, "--company", "9", "--tenant", GUID))
        .isEqualTo(2);
    assertThat(stderr()).contains("no company with company_id \"9\"");

    assertThat(run("companies", "map", "--config", file, "--company", "1001", "--tenant", "a/b?c"))
        .isEqualTo(2);
    assertThat(stderr()).contains("--tenant: 'a/b?c' is neither a tenant GUID nor a domain name");
  }
}
