package io.kb4sync.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.core.audit.AuditSchema;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.store.StateStores;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit end to end, through the real Graph and KnowBe4 adapters ({@link RealConnectors})
 * against the two simulators over loopback HTTP. A first real sync puts the company in step; then
 * the simulators are seeded with each kind of drift, and the audit must find each one, without a
 * single write request.
 */
class AuditOnSimulatorsTest {
  static final Instant FIRST_SYNC = Instant.parse("2026-11-01T06:00:00Z");
  static final Instant AUDIT = Instant.parse("2026-11-30T06:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  GraphTenant acme;
  GraphSimulator graph;
  KnowBe4Simulator knowbe4;
  String stderr = "";

  /** The credentials the configuration holds (the simulator's may be rotated by a test). */
  String scimToken;

  String reportingKey;

  @BeforeEach
  void aCompanyInStepThenDrifted() throws IOException {
    acme =
        GraphTenant.builder("acme.onmicrosoft.com")
            .displayName("Acme Corp")
            .verifiedDomain("acme.example")
            .sku("SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965")
            .sku("O365_BUSINESS_PREMIUM", "f245ecc8-75af-4f8e-b61f-27d8114de5f3")
            .user(u -> licensed(u, "ann").name("Ann", "Lee").department("Sales"))
            .user(u -> licensed(u, "boss").name("Bo", "Boss").department("Sales"))
            .user(u -> licensed(u, "leaver").name("Lee", "Ver").department("Sales"))
            .user(u -> licensed(u, "dan").name("Dan", "Dee").department("Sales"))
            .user(u -> licensed(u, "eve").name("Eve", "Eee").department("Support"))
            .build();
    graph = GraphSimulator.start(acme);
    knowbe4 = KnowBe4Simulator.start();
    scimToken = knowbe4.scimToken();
    reportingKey = knowbe4.reportingKey();
    for (String local : List.of("ann", "boss", "leaver", "dan", "eve")) {
      knowbe4.seedUser(UserSeed.of(local + "@acme.example"));
    }
    writeConfig();

    // The first real sync: names, departments, groups and links are put in step.
    int first = run(FIRST_SYNC, "sync", "--config", config().toString(), "--company", "1001");
    assertThat(first).as("first sync; stderr: %s", stderr).isZero();

    drift();
    graph.log().clear();
    knowbe4.log().clear();
  }

  /** Every kind of drift the audit knows, seeded after the sync. */
  void drift() {
    // stale: the leaver lost its license (last seen by the first sync)
    acme.updateUser("leaver@acme.example", u -> u.removeAllLicenses());
    // missing from KnowBe4 (and never seen by a sync)
    acme.addUser(u -> licensed(u, "bob").name("Bob", "Bee").department("Sales"));
    // archived in KnowBe4, licensed again
    acme.addUser(u -> licensed(u, "ret").name("Ret", "Urn").department("Sales"));
    knowbe4.seedUser(UserSeed.of("ret@acme.example").named("Ret", "Urn").archived());
    // attribute drift (department) + extra managed membership + an unmapped department
    acme.updateUser("dan@acme.example", u -> u.department("Marketing"));
    // attribute drift (department) + a missing managed membership
    acme.updateUser("eve@acme.example", u -> u.department("Sales"));
    // attribute drift (manager)
    acme.updateUser("ann@acme.example", u -> u.manager("boss@acme.example"));
    // duplicate email in Microsoft 365
    acme.addUser(u -> licensed(u, "twin").upn("twin.one@acme.example"));
    acme.addUser(u -> licensed(u, "twin").upn("twin.two@acme.example"));
    // conflict: one Microsoft 365 user whose aliases match two KnowBe4 users
    acme.addUser(
        u ->
            licensed(u, "cara")
                .proxyAddress("SMTP:cara@acme.example")
                .proxyAddress("smtp:c1@acme.example")
                .proxyAddress("smtp:c2@acme.example"));
    knowbe4.seedUser(UserSeed.of("c1@acme.example"));
    knowbe4.seedUser(UserSeed.of("c2@acme.example"));
    // an active KnowBe4 user outside the tenant's verified domains
    knowbe4.seedUser(UserSeed.of("pat@partner.example").named("Pat", "Partner"));
    // mail and UPN differ, and KnowBe4 has a second user under the UPN
    acme.addUser(u -> licensed(u, "frank").upn("frank.old@acme.example"));
    knowbe4.seedUser(UserSeed.of("frank@acme.example"));
    knowbe4.seedUser(UserSeed.of("frank.old@acme.example"));
    // seats: 10 active of 12; the next sync creates bob and restores ret: 12 of 12
    knowbe4.seats(12);
  }

  static io.kb4sync.simulators.graph.GraphUser.Builder licensed(
      io.kb4sync.simulators.graph.GraphUser.Builder u, String local) {
    return u.upn(local + "@acme.example").mail(local + "@acme.example").license("SPE_E3");
  }

  @AfterEach
  void stop() {
    graph.close();
    knowbe4.close();
  }

  Path config() {
    return dir.resolve("kb4sync.yaml");
  }

  void writeConfig() throws IOException {
    Files.writeString(
        config(),
        """
        state: "sqlite:./state.db"
        companies:
          - company_id: "1001"
            name: "Acme Corp"
            m365:
              tenant_id: "acme.onmicrosoft.com"
              client_id: "%s"
              client_secret: "${env:ACME_SECRET}"
              graph_url: "%s"
              login_url: "%s"
            knowbe4:
              scim_url: "%s"
              scim_token: "${env:ACME_TOKEN}"
              reporting_url: "%s"
              reporting_api_key: "${env:ACME_KEY}"
            variables:
              knowbe4_sync_license_filter: ["SPE_E3", "SPE_E5"]
              knowbe4_default_group: "All Users"
              knowbe4_department_group_mapping: { "Sales": "Sales Team", "Support": "Support Team" }
        """
            .formatted(
                acme.clientId(),
                graph.baseUri(),
                graph.baseUri(),
                knowbe4.scimUrl(),
                knowbe4.reportingUrl()));
  }

  /** Runs the CLI with the real adapters; returns the exit code, keeps stdout in {@link #out}. */
  int run(Instant now, String... args) {
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    out.reset();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.fixed(now, ZoneOffset.UTC),
            dir,
            Map.of(
                    "ACME_SECRET",
                    acme.clientSecret(),
                    "ACME_TOKEN",
                    scimToken,
                    "ACME_KEY",
                    reportingKey)
                ::get);
    int exit = Main.run(cli, args);
    stderr = errBytes.toString(StandardCharsets.UTF_8);
    return exit;
  }

  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  JsonNode audit() throws IOException {
    int exit = run(AUDIT, "audit", "--config", config().toString(), "--company", "1001");
    assertThat(exit).as("audit exit; stderr: %s", stderr).isZero();
    return AuditSchema.assertValid(JSON.readTree(out.toString(StandardCharsets.UTF_8)));
  }

  static List<JsonNode> findings(JsonNode audit, String category) {
    List<JsonNode> found = new ArrayList<>();
    audit
        .get("findings")
        .forEach(
            f -> {
              if (f.get("category").asText().equals(category)) {
                found.add(f);
              }
            });
    return found;
  }

  static JsonNode finding(JsonNode audit, String category, Predicate<JsonNode> which) {
    return findings(audit, category).stream()
        .filter(which)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no such " + category + " finding in " + audit.get("findings")));
  }

  static Predicate<JsonNode> subject(String value) {
    return f -> value.equals(f.get("subject").asText());
  }

  static Predicate<JsonNode> group(String name, String words) {
    return f -> name.equals(f.get("subject").asText()) && f.get("title").asText().contains(words);
  }

  static List<String> emails(JsonNode finding) {
    List<String> emails = new ArrayList<>();
    finding.get("users").forEach(u -> emails.add(u.get("email").asText()));
    return emails;
  }

  long graphWritesOtherThanTokens() {
    return graph.log().count(r -> r.isWrite() && !r.path().endsWith("/oauth2/v2.0/token"));
  }

  @Test
  void each_kind_of_drift_seeded_in_the_simulators_is_found_without_a_write_request()
      throws IOException {
    JsonNode audit = audit();

    assertThat(knowbe4.log().writes()).isZero();
    assertThat(graphWritesOtherThanTokens()).isZero();
    // Signed in and read: with the process's one token cache, the audit may reuse the token the
    // first sync of this test got, so Graph's reads (which need a token) are what is counted.
    assertThat(graph.graphRequests()).isPositive();

    assertThat(emails(finding(audit, "missing_from_knowbe4", f -> true)))
        .containsExactly("bob@acme.example");
    JsonNode stale = finding(audit, "stale_knowbe4_user", subject("left active"));
    assertThat(stale.get("severity").asText()).isEqualTo("warning");
    assertThat(stale.get("users").toString())
        .contains("\"email\":\"leaver@acme.example\"")
        .contains("\"detail\":\"No longer licensed\"")
        .contains("\"last_m365_sync\":\"2026-11-01T06:00:00Z\"");
    assertThat(emails(stale)).contains("frank.old@acme.example");
    assertThat(emails(finding(audit, "archived_but_licensed", f -> true)))
        .containsExactly("ret@acme.example");
    JsonNode department = finding(audit, "attribute_drift", subject("department"));
    assertThat(department.get("users").toString())
        .contains(
            "{\"email\":\"dan@acme.example\",\"detail\":null,\"knowbe4_value\":\"Sales\","
                + "\"m365_value\":\"Marketing\",\"last_m365_sync\":null}")
        .contains("\"email\":\"eve@acme.example\"");
    assertThat(finding(audit, "attribute_drift", subject("manager")).get("users").toString())
        .contains("\"m365_value\":\"boss@acme.example\"");
    // eve moved to Sales; ret comes back (restored users get their groups back too)
    assertThat(emails(finding(audit, "group_drift", group("Sales Team", "missing"))))
        .containsExactly("eve@acme.example", "ret@acme.example");
    assertThat(emails(finding(audit, "group_drift", group("Sales Team", "should not be"))))
        .containsExactly("dan@acme.example");
    assertThat(emails(finding(audit, "group_drift", group("Support Team", "should not be"))))
        .containsExactly("eve@acme.example");
    assertThat(emails(finding(audit, "duplicate_email", f -> true)))
        .containsExactly("twin@acme.example");
    assertThat(emails(finding(audit, "conflict", f -> true)))
        .containsExactly("cara@acme.example", "c1@acme.example", "c2@acme.example");
    assertThat(emails(finding(audit, "outside_verified_domains", subject("partner.example"))))
        .containsExactly("pat@partner.example");
    JsonNode unmapped = finding(audit, "unmapped_department", subject("Marketing"));
    assertThat(unmapped.get("severity").asText()).isEqualTo("warning");
    assertThat(emails(unmapped)).containsExactly("dan@acme.example");
    JsonNode sku = finding(audit, "license_sku_not_in_tenant", subject("SPE_E5"));
    assertThat(sku.get("severity").asText()).isEqualTo("warning");
    JsonNode seats = finding(audit, "seat_usage", f -> true);
    assertThat(seats.get("severity").asText()).isEqualTo("warning");
    assertThat(seats.get("title").asText())
        .isEqualTo("10 of 12 seats in use; 12 after the next sync");
    JsonNode upn = finding(audit, "mail_upn_mismatch", subject("KnowBe4 user under the UPN"));
    assertThat(emails(upn)).containsExactly("frank@acme.example");
    assertThat(upn.at("/users/0/knowbe4_value").asText()).isEqualTo("frank.old@acme.example");
    assertThat(emails(finding(audit, "never_synced", f -> true)))
        .containsExactlyInAnyOrder(
            "bob@acme.example",
            "cara@acme.example",
            "frank@acme.example",
            "ret@acme.example",
            "twin@acme.example",
            "twin@acme.example");

    assertThat(audit.at("/summary/seats").asInt()).isEqualTo(12);
    assertThat(audit.at("/summary/seats_used").asInt()).isEqualTo(10);
    assertThat(audit.at("/next_sync/users_created").asInt()).isEqualTo(1);
    assertThat(audit.at("/next_sync/users_restored").asInt()).isEqualTo(1);
    assertThat(audit.at("/next_sync/stale_left_alone").asInt()).isEqualTo(2);
  }

  @Test
  void the_audit_agrees_with_the_dry_run_of_the_sync_that_follows() throws IOException {
    JsonNode audit = audit();
    int exit =
        run(AUDIT, "sync", "--config", config().toString(), "--company", "1001", "--dry-run");
    JsonNode dryRun = JSON.readTree(out.toString(StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    assertThat(audit.at("/next_sync/users_created").asInt())
        .isEqualTo(dryRun.at("/sync_summary/users_created").asInt());
    assertThat(audit.at("/next_sync/users_updated").asInt())
        .isEqualTo(dryRun.at("/sync_summary/users_updated").asInt());
    assertThat(audit.at("/next_sync/users_restored").asInt())
        .isEqualTo(dryRun.at("/users_restored").size());
    assertThat(audit.at("/next_sync/group_additions").asInt())
        .isEqualTo(dryRun.at("/group_changes/group_additions").asInt());
    assertThat(audit.at("/next_sync/group_removals").asInt())
        .isEqualTo(dryRun.at("/group_changes/group_removals").asInt());
    assertThat(audit.at("/next_sync/conflicts").asInt()).isEqualTo(dryRun.at("/conflicts").size());
  }

  @Test
  void the_audit_is_recorded_as_a_run_and_changes_no_stored_link() throws IOException {
    List<Link> before = links();

    audit();

    assertThat(links()).isEqualTo(before);
    try (StateStore store = StateStores.open("sqlite:./state.db", dir)) {
      List<RunRecord> runs = store.runs(RunQuery.ofCompany("1001", 10));
      assertThat(runs.get(0).kind()).isEqualTo("audit");
      assertThat(runs.get(0).startedAt()).isEqualTo(AUDIT);
      AuditSchema.assertValid(JSON.readTree(runs.get(0).reportJson()));
      assertThat(runs.get(0).reportJson())
          .doesNotContain(acme.clientSecret())
          .doesNotContain(knowbe4.scimToken())
          .doesNotContain(knowbe4.reportingKey());
    }
  }

  @Test
  void csv_and_html_of_the_same_audit_carry_every_finding_and_write_nothing() throws IOException {
    int csvExit =
        run(
            AUDIT,
            "audit",
            "--config",
            config().toString(),
            "--company",
            "1001",
            "--format",
            "csv");
    String csv = out.toString(StandardCharsets.UTF_8);
    int htmlExit =
        run(
            AUDIT,
            "audit",
            "--config",
            config().toString(),
            "--company",
            "1001",
            "--format",
            "html",
            "--output",
            "audit.html");

    assertThat(csvExit).isZero();
    assertThat(htmlExit).isZero();
    for (String category :
        List.of(
            "missing_from_knowbe4",
            "stale_knowbe4_user",
            "archived_but_licensed",
            "attribute_drift",
            "group_drift",
            "conflict",
            "duplicate_email",
            "outside_verified_domains",
            "unmapped_department",
            "license_sku_not_in_tenant",
            "seat_usage",
            "mail_upn_mismatch",
            "never_synced")) {
      assertThat(csv).contains("\r\n\"" + category + "\",");
      assertThat(Files.readString(dir.resolve("audit.html"))).contains("<td>" + category + "</td>");
    }
    assertThat(knowbe4.log().writes()).isZero();
    assertThat(graphWritesOtherThanTokens()).isZero();
  }

  @Test
  void a_knowbe4_that_refuses_the_token_makes_the_audit_exit_1_and_say_so() throws IOException {
    knowbe4.scimToken("rotated-token");
    knowbe4.reportingKey("rotated-key");

    int exit = run(AUDIT, "audit", "--config", config().toString(), "--company", "1001");

    assertThat(exit).isEqualTo(1);
    JsonNode audit = AuditSchema.assertValid(JSON.readTree(out.toString(StandardCharsets.UTF_8)));
    assertThat(audit.get("complete").asBoolean()).isFalse();
    assertThat(audit.at("/errors/0/operation").asText()).startsWith("read KnowBe4");
    assertThat(knowbe4.log().all()).noneMatch(LoggedRequest::isWrite);
  }

  List<Link> links() {
    try (StateStore store = StateStores.open("sqlite:./state.db", dir)) {
      return store.load("1001").links().values().stream()
          .sorted(java.util.Comparator.comparing(Link::m365Id))
          .toList();
    }
  }
}
