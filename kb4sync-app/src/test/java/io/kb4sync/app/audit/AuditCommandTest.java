package io.kb4sync.app.audit;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.core.audit.AuditSchema;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  static final String SECRET = "s3cr3t-client-secret-value";
  static final String TOKEN = "scim-token-that-must-not-leak";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestConnectors connectors;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void twoCompanies() {
    connectors = new TestConnectors();
    // Acme has drifted: bob is missing, old is stale, ann's department differs.
    connectors.company(
        "1001",
        tenant(m365("ann").department("Sales"), m365("bob"), m365("old").disabled()),
        InMemoryPlatform.of(account(kb4("ann").department("Support"), kb4("old"))));
    // Beta is in step, but for its UPNs in another domain (info only).
    connectors.company("1002", tenant(m365("cat")), InMemoryPlatform.of(account(kb4("cat"))));
  }

  static String yaml(String notifications) {
    return """
        %s
        companies:
          - company_id: "1001"
            name: "Acme Corp"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "${env:ACME_SECRET}" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "${env:ACME_TOKEN}" }
          - company_id: "1002"
            m365: { tenant_id: "beta.onmicrosoft.com", client_id: "app", client_secret: "plain" }
            knowbe4: { scim_url: "https://eu.knowbe4.com/scim/v2", scim_token: "t", region: eu }
        """
        .formatted(notifications);
  }

  Path config() throws IOException {
    return config(yaml(""));
  }

  Path config(String text) throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(file, text);
    return file;
  }

  int run(String... args) {
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            connectors,
            Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC),
            dir,
            Map.of("ACME_SECRET", SECRET, "ACME_TOKEN", TOKEN)::get);
    return Main.run(cli, args);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void audit_prints_exactly_one_valid_json_document_and_exits_0_whatever_it_found()
      throws IOException {
    int exit = run("audit", "--config", config().toString(), "--company", "1001");

    assertThat(exit).isZero();
    JsonNode audit = AuditSchema.assertValid(JSON.readTree(stdout()));
    assertThat(audit.at("/company").asText()).isEqualTo("Acme Corp");
    assertThat(audit.at("/next_sync/users_created").asInt()).isEqualTo(1);
    assertThat(audit.at("/next_sync/command").asText())
        .isEqualTo("kb4sync sync --config " + dir.resolve("kb4sync.yaml") + " --company 1001");
    assertThat(audit.findValuesAsText("category"))
        .contains("missing_from_knowbe4", "stale_knowbe4_user", "attribute_drift");
  }

  @Test
  void an_audit_writes_nothing_to_knowbe4_stores_no_link_and_is_recorded_as_an_audit_run()
      throws IOException {
    run("audit", "--config", config().toString(), "--company", "1001");

    assertThat(connectors.platform("1001").writes()).isEmpty();
    assertThat(connectors.runs("1001"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo("audit");
              assertThat(r.exitCode()).isZero();
              assertThat(r.options()).isEqualTo("--format json");
              AuditSchema.assertValid(JSON.readTree(r.reportJson()));
            });
    assertThat(connectors.store(null).load("1001").links()).isEmpty();
  }

  @Test
  void all_companies_prints_an_array_and_a_failed_read_makes_exit_1_with_the_document_saying_so()
      throws IOException {
    connectors.failing(
        "1001",
        new RemoteException(
            RemoteException.Kind.UNAUTHORIZED,
            "Microsoft Graph",
            "Microsoft 365 sign-in failed for tenant acme.onmicrosoft.com: AADSTS7000215"));

    int exit = run("audit", "--config", config().toString(), "--all-companies");

    assertThat(exit).isEqualTo(1);
    JsonNode audits = AuditSchema.assertValid(JSON.readTree(stdout()));
    assertThat(audits).hasSize(2);
    assertThat(audits.get(0).at("/complete").asBoolean()).isFalse();
    assertThat(audits.get(0).at("/errors/0/message").asText()).contains("AADSTS7000215");
    assertThat(audits.get(1).at("/complete").asBoolean()).isTrue();
    assertThat(audits.get(1).at("/company").asText()).isEqualTo("1002");
  }

  @Test
  void csv_starts_with_a_byte_order_mark_and_has_one_row_per_finding_per_user() throws IOException {
    run("audit", "--config", config().toString(), "--company", "1001", "--format", "csv");

    byte[] bytes = out.toByteArray();
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String csv = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(csv)
        .startsWith(
            AuditCsv.COLUMNS.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","))
                + "\r\n");
    assertThat(csv.lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("\"attribute_drift\",\"info\",")
                    .contains(",\"ann@acme.example\",\"\",\"Support\",\"Sales\",\"\","));
    assertThat(csv.lines()).filteredOn(l -> l.contains("bob@acme.example")).isNotEmpty();
  }

  @Test
  void csv_of_all_companies_has_company_columns_first() throws IOException {
    run("audit", "--config", config().toString(), "--all-companies", "--format", "CSV");

    String csv = stdout().substring(1);
    assertThat(csv).startsWith("\"company_id\",\"company\",\"category\",");
    assertThat(csv.lines()).anyMatch(l -> l.startsWith("\"1001\",\"Acme Corp\","));
    assertThat(csv.lines()).anyMatch(l -> l.startsWith("\"1002\",\"1002\","));
  }

  @Test
  void output_writes_the_document_relative_to_the_calling_folder_and_prints_nothing_on_stdout()
      throws IOException {
    int exit =
        run(
            "audit",
            "--config",
            config().toString(),
            "--company",
            "1001",
            "--format",
            "html",
            "--output",
            "reports/acme.html");

    assertThat(exit).isZero();
    assertThat(stdout()).isEmpty();
    String page = Files.readString(dir.resolve("reports/acme.html"));
    assertThat(page).startsWith("<!DOCTYPE html>").contains("Acme Corp");
    assertThat(stderr()).contains("[1001] audit written to " + dir.resolve("reports/acme.html"));
  }

  @Test
  void json_output_file_holds_exactly_what_stdout_would_have_carried() throws IOException {
    run("audit", "--config", config().toString(), "--company", "1002");
    String printed = stdout();
    out.reset();

    run("audit", "--config", config().toString(), "--company", "1002", "--output", "a.json");

    assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo(printed);
    assertThat(stdout()).isEmpty();
  }

  @Test
  void usage_errors_exit_2_and_read_nothing() throws IOException {
    Path file = config();

    assertThat(run("audit", "--config", file.toString(), "--company", "1001", "--format", "pdf"))
        .isEqualTo(2);
    assertThat(stderr()).contains("use json, csv or html");
    assertThat(run("audit", "--config", file.toString())).isEqualTo(2);
    assertThat(run("audit", "--config", file.toString(), "--company", "9999")).isEqualTo(2);
    assertThat(stderr()).contains("no company with company_id \"9999\"");
    assertThat(connectors.connections()).isZero();
    assertThat(stdout()).isEmpty();
  }

  @Test
  void secrets_appear_in_neither_the_documents_nor_stderr_nor_the_run_history() throws IOException {
    Path file = config();
    for (String format : new String[] {"json", "csv", "html"}) {
      run("audit", "--config", file.toString(), "--all-companies", "--format", format);
    }

    assertThat(stdout()).doesNotContain(SECRET).doesNotContain(TOKEN);
    assertThat(stderr()).doesNotContain(SECRET).doesNotContain(TOKEN);
    assertThat(connectors.runs("1001"))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.reportJson()).doesNotContain(SECRET).doesNotContain(TOKEN));
  }

  @Test
  void under_on_issues_a_drifted_company_is_notified_as_an_audit_and_a_clean_one_is_not()
      throws IOException {
    try (WebhookReceiverSimulator receiver = WebhookReceiverSimulator.start()) {
      Path file =
          config(
              yaml(
                  """
                  notifications:
                    when: on_issues
                    webhooks:
                      - url: "%s"
                  """
                      .formatted(receiver.webhookUrl())));

      int exit = run("audit", "--config", file.toString(), "--all-companies");

      assertThat(exit).isZero();
      assertThat(receiver.posts(WebhookReceiverSimulator.Channel.WEBHOOK))
          .singleElement()
          .satisfies(
              post -> {
                JsonNode body = post.json();
                assertThat(body.at("/notification/kind").asText()).isEqualTo("audit");
                assertThat(body.at("/notification/company_id").asText()).isEqualTo("1001");
                assertThat(body.at("/notification/title").asText())
                    .startsWith("KnowBe4 audit: Acme Corp — ");
                AuditSchema.assertValid(body.get("report"));
              });
    }
  }

  @Test
  void a_companys_always_policy_notifies_even_an_audit_with_info_findings_only()
      throws IOException {
    try (WebhookReceiverSimulator receiver = WebhookReceiverSimulator.start()) {
      String text =
          yaml("""
                  notifications:
                    webhooks:
                      - url: "%s"
                  """
                  .formatted(receiver.webhookUrl()))
              .replace(
                  "region: eu }",
                  "region: eu }\n    variables: { knowbe4_notification_policy: always }");

      run("audit", "--config", config(text).toString(), "--company", "1002");

      assertThat(receiver.posts(WebhookReceiverSimulator.Channel.WEBHOOK)).hasSize(1);
    }
  }

  @Test
  void a_failing_notification_channel_becomes_a_warning_and_the_audit_still_exits_0()
      throws IOException {
    Path file =
        config(
            yaml(
                """
                notifications:
                  timeout_seconds: 1
                  webhooks:
                    - url: "http://127.0.0.1:9/hook"
                """));

    int exit = run("audit", "--config", file.toString(), "--company", "1001");

    assertThat(exit).isZero();
    JsonNode audit = AuditSchema.assertValid(JSON.readTree(stdout()));
    assertThat(audit.at("/warnings").toString()).contains("webhook");
  }
}
