package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.core.state.TenantMapping;
import io.kb4sync.simulators.onboard.MspBook;
import io.kb4sync.simulators.psa.HaloSimulator;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kb4sync companies discover} against the book of simulators ({@link MspBook}: one Graph
 * simulator with the partner and customer tenants, a HaloPSA simulator with the PSA's companies),
 * real HTTP on loopback: the table, the JSON, the {@code --output} YAML, exit codes.
 */
class DiscoverCompaniesTest {
  static final String HALO_SECRET = "HALO-SECRET-discover-5d1e";

  @TempDir Path dir;
  MspBook book;
  HaloSimulator halo;
  TestConnectors connectors;
  final Map<String, String> env = new HashMap<>();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  Path config;

  @BeforeEach
  void start() throws IOException {
    book = MspBook.start();
    halo =
        MspBook.companiesInto(
            HaloSimulator.start(new HaloSimulator.Credentials("halo-app", HALO_SECRET, null)));
    connectors = new TestConnectors();
    env.put("MSP_APP_SECRET", MspBook.APP_SECRET);
    env.put("HALO_SECRET", HALO_SECRET);
    config = writeConfig("");
  }

  @AfterEach
  void stop() {
    book.close();
    halo.close();
  }

  Path writeConfig(String companies) throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    String base = book.graph().baseUri().toString();
    Files.writeString(
        file,
        """
        defaults:
          m365:
            client_id: "%s"
            client_secret: "${env:MSP_APP_SECRET}"
            graph_url: "%s"
            login_url: "%s"
        partner:
          tenant_id: "%s"
        psa:
          type: halo
          halo:
            auth_url: "%s"
            api_url: "%s"
            client_id: "halo-app"
            client_secret: "${env:HALO_SECRET}"
            tickettype_id: 1
        companies:%s
        """
            .formatted(
                MspBook.APP_CLIENT_ID,
                base,
                base,
                MspBook.PARTNER,
                halo.authUrl(),
                halo.apiUrl(),
                companies.isEmpty() ? " []" : "\n" + companies));
    return file;
  }

  int run(String... args) {
    out.reset();
    err.reset();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            connectors,
            Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC),
            dir,
            env::get);
    return Main.run(cli, args);
  }

  int discover(String... extra) {
    List<String> args = new ArrayList<>(List.of("companies", "discover", "--config"));
    args.add(config.toString());
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  String tenant(String name) {
    return book.tenant(name).tenantId();
  }

  JsonNode json() throws IOException {
    return new ObjectMapper().readTree(stdout());
  }

  @Test
  void the_table_shows_each_section_and_every_company_lands_in_exactly_one() {
    assertThat(discover()).as(stderr()).isZero();

    String table = stdout();
    assertThat(table)
        .contains("MATCHED (5)")
        .contains("AMBIGUOUS (2)")
        .contains("PSA-ONLY (2)")
        .contains("TENANT-ONLY (2)")
        .contains("ALREADY CONFIGURED (0)")
        .contains("SKIPPED (3)")
        .contains("5 matched, 2 ambiguous, 2 PSA-only, 2 tenant-only, 0 already configured");
    String matched = table.substring(table.indexOf("MATCHED"), table.indexOf("AMBIGUOUS"));
    assertThat(matched)
        .contains("1001", "Acme Corp", tenant("acme"), "ACME Europe B.V.", "domain acme.example")
        .contains("1002", tenant("mueller"))
        .contains("1003", tenant("fourthcoffee"))
        .contains("1009", tenant("northwind"))
        .contains("1010", tenant("fabrikam"), "(no GDAP customer)")
        .doesNotContain("1004", "1005", "1006", "1007", "1000");
  }

  @Test
  void json_has_the_documented_shape_and_no_guess_between_two() throws IOException {
    assertThat(discover("--format", "json")).as(stderr()).isZero();

    JsonNode doc = json();
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "partner_tenant_id",
            "summary",
            "matched",
            "ambiguous",
            "psa_only",
            "tenant_only",
            "already_configured",
            "skipped");
    assertThat(doc.path("partner_tenant_id").asText()).isEqualTo(book.partner().tenantId());
    JsonNode acme = doc.path("matched").get(0);
    assertThat(acme.path("company_id").asText()).isEqualTo("1001");
    assertThat(acme.path("tenant_id").asText()).isEqualTo(tenant("acme"));
    assertThat(acme.path("by").asText()).isEqualTo("tenant_id");
    assertThat(acme.path("gdap_customer").asBoolean()).isTrue();
    assertThat(acme.path("domains").get(0).asText()).isEqualTo("acme.example");

    List<String> reasons = new ArrayList<>();
    doc.path("ambiguous").forEach(a -> reasons.add(a.path("reason").asText()));
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "2 PSA companies share a domain of this tenant", "2 tenants have this name");
    List<String> skipped = new ArrayList<>();
    doc.path("skipped").forEach(s -> skipped.add(s.path("reason").asText()));
    assertThat(skipped)
        .containsExactlyInAnyOrder(
            "the MSP's own tenant", "the MSP's own tenant", "inactive in the PSA");
    assertThat(doc.path("summary").path("matched").asInt()).isEqualTo(5);
  }

  @Test
  void the_output_file_pasted_into_the_configuration_loads_with_each_company_s_variables()
      throws IOException {
    Path yaml = dir.resolve("proposed.yaml");

    assertThat(discover("--output", yaml.toString())).as(stderr()).isZero();

    String proposed = Files.readString(yaml);
    assertThat(stderr()).contains("5 matched companies written to " + yaml);
    assertThat(proposed)
        .contains("scim_url: \"${env:KB4_1001_SCIM_URL}\"")
        .contains("scim_token: \"${env:KB4_1001_SCIM_TOKEN}\"")
        .contains("#  - company 1004 \"Tailspin Toys\": 2 tenants have this name")
        .doesNotContain("company_id: \"1004\"")
        .doesNotContain(MspBook.APP_SECRET);
    for (String id : List.of("1001", "1002", "1003", "1009", "1010")) {
      env.put("KB4_" + id + "_SCIM_URL", "https://us.api.knowbe4.com/v1/scim/" + id);
      env.put("KB4_" + id + "_SCIM_TOKEN", "token-" + id);
    }
    Path pasted = dir.resolve("pasted.yaml");
    Files.writeString(
        pasted, Files.readString(config).replace("companies: []", "") + "\n" + proposed);

    Config loaded = ConfigLoader.load(pasted, env::get);

    assertThat(loaded.companies())
        .extracting(CompanyConfig::companyId)
        .containsExactly("1001", "1010", "1003", "1002", "1009"); // by name
    CompanyConfig mueller = loaded.company("1002").orElseThrow();
    assertThat(mueller.name()).isEqualTo("Müller Maschinenbau GmbH");
    assertThat(mueller.m365().tenantId()).isEqualTo(tenant("mueller"));
    assertThat(mueller.m365().clientId()).isEqualTo(MspBook.APP_CLIENT_ID);
    assertThat(mueller.knowbe4().scimUrl().toString())
        .isEqualTo("https://us.api.knowbe4.com/v1/scim/1002");
  }

  @Test
  void an_existing_output_file_is_refused_with_exit_2_and_left_as_it_was_unless_forced()
      throws IOException {
    Path yaml = dir.resolve("proposed.yaml");
    Files.writeString(yaml, "# my edits\n");

    assertThat(discover("--output", yaml.toString())).isEqualTo(2);
    assertThat(stderr()).contains("--output " + yaml + " exists").contains("--force");
    assertThat(Files.readString(yaml)).isEqualTo("# my edits\n");
    assertThat(book.graph().log().all()).isEmpty();

    assertThat(discover("--output", yaml.toString(), "--force")).as(stderr()).isZero();
    assertThat(Files.readString(yaml)).startsWith("# Proposed by kb4sync companies discover");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void configured_and_mapped_companies_are_reported_as_already_configured_not_proposed()
      throws IOException {
    config =
        writeConfig(
            """
              - company_id: "1001"
                m365: { tenant_id: "acme.onmicrosoft.com" }
                knowbe4: { scim_url: "https://us.api.knowbe4.com/v1/scim/1", scim_token: "t" }
            """);
    connectors.store(null).mapTenant(new TenantMapping("1002", tenant("mueller"), Instant.EPOCH));

    assertThat(discover("--format", "json")).as(stderr()).isZero();

    JsonNode doc = json();
    List<String> configured = new ArrayList<>();
    doc.path("already_configured").forEach(c -> configured.add(c.path("company_id").asText()));
    assertThat(configured).containsExactlyInAnyOrder("1001", "1002");
    List<String> matched = new ArrayList<>();
    doc.path("matched").forEach(c -> matched.add(c.path("company_id").asText()));
    assertThat(matched).containsExactlyInAnyOrder("1003", "1009", "1010");
    List<String> tenantOnly = new ArrayList<>();
    doc.path("tenant_only").forEach(t -> tenantOnly.add(t.path("tenant_id").asText()));
    assertThat(tenantOnly).doesNotContain(tenant("acme"), tenant("mueller"));
  }

  @Test
  void a_psa_that_refuses_the_credentials_is_exit_1_naming_the_psa_and_nothing_is_written()
      throws IOException {
    env.put("HALO_SECRET", "wrong");
    Path yaml = dir.resolve("proposed.yaml");

    assertThat(discover("--output", yaml.toString())).isEqualTo(1);

    assertThat(stderr().lines().toList())
        .singleElement()
        .asString()
        .startsWith("kb4sync: companies discover: reading the companies of the PSA failed:")
        .contains("HaloPSA");
    assertThat(stdout()).isEmpty();
    assertThat(yaml).doesNotExist();
  }

  @Test
  void a_partner_without_the_gdap_permission_is_exit_1_naming_the_permission() {
    book.partner().deny("DelegatedAdminRelationship.Read.All");

    assertThat(discover()).isEqualTo(1);

    assertThat(stderr())
        .contains("reading the GDAP customers of the partner tenant " + MspBook.PARTNER)
        .contains("DelegatedAdminRelationship.Read.All");
  }

  @Test
  void discover_reads_only_and_never_prints_a_secret() {
    assertThat(discover("--output", dir.resolve("p.yaml").toString())).isZero();

    assertThat(book.graph().log().count(r -> r.isWrite() && !r.path().endsWith("/token"))).isZero();
    assertThat(halo.log().count(r -> r.isWrite() && !r.path().endsWith("/token"))).isZero();
    assertThat(halo.tickets()).isEmpty();
    assertThat(stdout() + stderr()).doesNotContain(MspBook.APP_SECRET).doesNotContain(HALO_SECRET);
  }

  @Test
  void without_a_partner_section_it_is_a_configuration_error_naming_it() throws IOException {
    Files.writeString(
        config, Files.readString(config).replace("partner:\n  tenant_id:", "x_partner:\n  y:"));
    String text =
        Files.readString(config).replace("x_partner:\n  y: \"" + MspBook.PARTNER + "\"\n", "");
    Files.writeString(config, text);

    assertThat(discover()).isEqualTo(2);

    assertThat(stderr()).contains("partner: is required by companies discover");
    assertThat(book.graph().log().all()).isEmpty();
  }

  @Test
  void an_unknown_key_under_partner_is_one_line_naming_it_with_exit_2() throws IOException {
    Files.writeString(
        config, Files.readString(config).replace("partner:\n", "partner:\n  tenantid: \"x\"\n"));

    assertThat(discover()).isEqualTo(2);

    assertThat(stderr().lines().toList())
        .singleElement()
        .asString()
        .contains("partner.tenantid: unknown key (did you mean tenant_id?)");
  }

  @Test
  void a_partner_without_tenant_id_is_exit_2_naming_the_key() throws IOException {
    Files.writeString(
        config,
        Files.readString(config)
            .replace("partner:\n  tenant_id: \"" + MspBook.PARTNER + "\"", "partner: {}"));

    assertThat(discover()).isEqualTo(2);

    assertThat(stderr()).contains("partner.tenant_id: is required");
  }

  @Test
  void an_unreadable_partner_certificate_is_exit_2_naming_the_partner_key() throws IOException {
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "partner:\n",
                "partner:\n  client_id: \"own-app\"\n  certificate_path: \"missing.pfx\"\n"));

    assertThat(discover()).isEqualTo(2);

    assertThat(stderr().lines().toList())
        .singleElement()
        .asString()
        .contains("partner.certificate_path");
    assertThat(book.graph().log().all()).isEmpty();
  }

  @Test
  void an_unknown_format_is_exit_2() {
    assertThat(discover("--format", "xml")).isEqualTo(2);

    assertThat(stderr()).contains("--format must be table or json");
  }
}
