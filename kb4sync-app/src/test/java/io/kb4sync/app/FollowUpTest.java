package io.kb4sync.app;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.ReportSchema;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
import io.kb4sync.simulators.psa.ConnectWiseSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What follows a sync: notifications per policy and PSA tickets, isolated from the sync itself. */
class FollowUpTest {
  @TempDir Path dir;
  WebhookReceiverSimulator receiver;
  ConnectWiseSimulator connectwise;
  TestConnectors connectors;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    receiver = WebhookReceiverSimulator.start();
    connectwise = ConnectWiseSimulator.start();
    connectors = new TestConnectors();
  }

  @AfterEach
  void stop() {
    receiver.close();
    connectwise.close();
  }

  /** 10 KnowBe4 users, of whom {@code leaving} are gone from Microsoft 365. */
  private void company(int leaving) {
    List<People.M365> staying = new ArrayList<>();
    List<People.Kb4> everyone = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      everyone.add(kb4("u" + i));
      if (i >= leaving) {
        staying.add(m365("u" + i));
      }
    }
    staying.add(m365("newbie"));
    connectors.company("42", tenant(staying), InMemoryPlatform.of(account(everyone, List.of())));
  }

  private JsonNode sync(String policy, String... extra) throws IOException {
    Path config = dir.resolve("kb4sync.yaml");
    Files.writeString(
        config,
        """
        notifications:
          when: %s
          teams: { webhook_url: "${env:TEAMS}" }
          slack: { webhook_url: "%s" }
        psa:
          type: connectwise
          connectwise:
            url: "%s"
            company_id: "%s"
            public_key: "%s"
            private_key: "${env:CW_PRIVATE}"
            client_id: "%s"
        companies:
          - company_id: "42"
            name: "Acme"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "s" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
            variables:
              knowbe4_remove_stale_users: true
              knowbe4_notification_recipients: ["it@acme.example"]
        """
            .formatted(
                policy,
                receiver.slackUrl(),
                connectwise.apiUrl(),
                connectwise.credentials().companyId(),
                connectwise.credentials().publicKey(),
                connectwise.credentials().clientId()));
    Map<String, String> env =
        Map.of("TEAMS", receiver.teamsUrl(), "CW_PRIVATE", connectwise.credentials().privateKey());
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            connectors,
            Clock.systemUTC(),
            dir,
            env::get);
    List<String> args =
        new ArrayList<>(List.of("sync", "--config", config.toString(), "--company", "42"));
    args.addAll(List.of(extra));
    Main.run(cli, args.toArray(String[]::new));
    return ReportSchema.assertValid(
        new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)));
  }

  @Test
  void a_quiet_successful_sync_notifies_nobody_under_on_issues_and_opens_no_ticket()
      throws IOException {
    company(1);

    JsonNode report = sync("on_issues");

    assertThat(report.get("exit_code").asInt()).isZero();
    assertThat(receiver.posts()).isEmpty();
    assertThat(connectwise.tickets()).isEmpty();
  }

  @Test
  void on_changes_notifies_every_channel_of_a_sync_that_changed_something() throws IOException {
    company(1);

    sync("on_changes");

    assertThat(receiver.posts(WebhookReceiverSimulator.Channel.TEAMS))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.json().at("/attachments/0/content/type").asText())
                    .isEqualTo("AdaptiveCard"));
    assertThat(receiver.posts(WebhookReceiverSimulator.Channel.SLACK)).hasSize(1);
  }

  @Test
  void a_guard_hold_notifies_and_opens_one_ticket_and_the_next_hold_adds_a_note()
      throws IOException {
    company(7); // 7 archives > max(5, 10% of 10)

    JsonNode first = sync("on_issues");
    out.reset();
    JsonNode second = sync("on_issues");

    assertThat(first.get("exit_code").asInt()).isEqualTo(4);
    assertThat(second.get("exit_code").asInt()).isEqualTo(4);
    assertThat(receiver.posts(WebhookReceiverSimulator.Channel.TEAMS)).hasSize(2);
    assertThat(connectwise.tickets())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.companyId()).isEqualTo(42);
              assertThat(t.summary()).contains("guard-hold");
              assertThat(t.notes()).hasSize(1);
            });
  }

  @Test
  void a_failing_channel_becomes_a_warning_and_neither_fails_the_sync_nor_stops_the_ticket()
      throws IOException {
    company(7);
    receiver.faults(new Faults(3).down(true));

    JsonNode report = sync("on_issues");

    assertThat(report.get("exit_code").asInt()).isEqualTo(4);
    assertThat(report.get("warnings").toString())
        .contains("notification via teams failed")
        .contains("slack");
    assertThat(report.get("warnings").toString())
        .doesNotContain(WebhookReceiverSimulator.TEAMS_PATH);
    assertThat(connectwise.tickets()).hasSize(1);
    assertThat(connectors.runs("42").get(0).reportJson()).contains("notification via teams failed");
  }

  @Test
  void a_dry_run_never_opens_a_ticket() throws IOException {
    company(7);

    JsonNode report = sync("always", "--dry-run");

    assertThat(report.get("dry_run").asBoolean()).isTrue();
    assertThat(receiver.posts(WebhookReceiverSimulator.Channel.TEAMS)).hasSize(1);
    assertThat(connectwise.tickets()).isEmpty();
  }
}
