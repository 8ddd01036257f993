package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
import io.kb4sync.simulators.psa.ConnectWiseSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secrets never appear in stdout, stderr (where every log line goes), any file written (reports,
 * audit outputs, the state database and its tables, the run spool) or any request body sent to a
 * notification channel or a PSA, whether the run succeeds, retries, fails or is refused, for {@code
 * sync}, {@code audit}, {@code doctor} and {@code runs}: the Microsoft 365 client secret, the SCIM
 * token, the Reporting key, the mail app's secret and token, the Teams, Slack and webhook URLs, the
 * webhook signing secret and the ConnectWise private key.
 */
class SecretsIT extends EndToEndTest {
  static final String D = "contoso.example";
  static final String WRONG_SECRET = "E2E-SECRET-outdated-m365-client-secret-0d9e4a";

  @Test
  void secrets_appear_in_no_output_no_log_no_report_file_and_not_in_the_state_database()
      throws IOException {
    try (World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(person("bob@" + D, "Bob", "Baker", "Engineering")))) {
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);
      Path file = config.writeTo(dir);
      // Retries log the failed attempts: throttling on both sides makes the logs talk.
      world.graph.faults(new Faults(11).throttle(0.3).retryAfterSeconds(0));
      world.knowbe4.faults(new Faults(12).throttle(0.2).unavailable(0.1).retryAfterSeconds(0));
      List<Run> runs = new ArrayList<>();

      runs.add(
          verbose(world)
              .run(
                  "sync",
                  "--config",
                  file.toString(),
                  "--company",
                  COMPANY,
                  "--output",
                  "report.json"));
      runs.add(
          verbose(world)
              .run("sync", "--config", file.toString(), "--company", COMPANY, "--dry-run"));
      // Refused credentials: the error messages quote the remote answers, never the secrets.
      world.knowbe4.scimToken("a-token-kb4sync-does-not-have").reportingKey("nor-this-key");
      runs.add(verbose(world).run("sync", "--config", file.toString(), "--company", COMPANY));
      runs.add(
          verbose(world)
              .env(world.envPrefix() + "_M365_SECRET", WRONG_SECRET)
              .run("sync", "--config", file.toString(), "--company", COMPANY));

      assertThat(runs.get(0).exitCode()).as("%s", runs.get(0)).isZero();
      assertThat(runs.get(2).exitCode()).as("%s", runs.get(2)).isEqualTo(1);
      assertThat(runs.get(3).exitCode()).as("%s", runs.get(3)).isEqualTo(1);
      assertThat(String.join("\n", runs.stream().map(Run::stderr).toList()))
          .as("the logs really were written at TRACE")
          .contains("DEBUG")
          .contains("TRACE");
      List<String> secrets = new ArrayList<>(world.secrets());
      secrets.add(WRONG_SECRET);
      for (Run run : runs) {
        run.report();
        for (String secret : secrets) {
          assertThat(run.stdout()).doesNotContain(secret);
          assertThat(run.stderr()).doesNotContain(secret);
        }
      }
      List<Path> written = files(dir);
      assertThat(written)
          .contains(dir.resolve("report.json"), dir.resolve("state/kb4sync-state.db"));
      assertThat(
              new String(
                  Files.readAllBytes(dir.resolve("state/kb4sync-state.db")),
                  StandardCharsets.ISO_8859_1))
          .as("the state database holds the run history")
          .contains("ann@" + D);
      for (Path path : written) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(bytes).as("%s holds a secret", path).doesNotContain(secret);
        }
      }
    }
  }

  // ---- every secret of a configuration with every channel and a PSA, across every command

  static final String MAIL_SECRET = "E2E-SECRET-mail-client-secret-91c4e7";
  static final String HOOK_SECRET = "whsec_RTJFLVNFQ1JFVC1ob29rLXNpZ25pbmcta2V5LTA0";
  static final String CW_PRIVATE_KEY = "E2E-SECRET-cw-private-key-5a0d13";

  @Test
  void no_secret_of_any_channel_or_psa_reaches_an_output_a_file_the_store_or_a_request_body()
      throws Exception {
    try (World world =
            World.start(
                t ->
                    t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                        .user(person("bob@" + D, "Bob", "Baker", "Engineering")));
        WebhookReceiverSimulator receiver =
            WebhookReceiverSimulator.start("msp.example", "mail-client", MAIL_SECRET);
        ConnectWiseSimulator connectwise =
            ConnectWiseSimulator.start(
                new ConnectWiseSimulator.Credentials(
                    "msp",
                    "E2E-cw-public",
                    CW_PRIVATE_KEY,
                    "5d2f5a41-1c0e-4a8a-9a54-0000000e2e01"))) {
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);
      config.set("notifications", notifications(receiver));
      config.set("psa", psa(connectwise));
      Path file = config.writeTo(dir);
      Map<String, String> env = new LinkedHashMap<>(world.env());
      env.put("E2E_MAIL_SECRET", MAIL_SECRET);
      env.put("E2E_TEAMS_URL", receiver.teamsUrl());
      env.put("E2E_SLACK_URL", receiver.slackUrl());
      env.put("E2E_HOOK_URL", receiver.webhookUrl());
      env.put("E2E_HOOK_SECRET", HOOK_SECRET);
      env.put("E2E_CW_PRIVATE_KEY", CW_PRIVATE_KEY);
      world.graph.faults(new Faults(21).throttle(0.3).retryAfterSeconds(0));
      world.knowbe4.faults(new Faults(22).throttle(0.2).unavailable(0.1).retryAfterSeconds(0));
      String cfg = file.toString();
      List<Run> runs = new ArrayList<>();

      Run first =
          jar(env).run("sync", "--config", cfg, "--company", COMPANY, "--output", "report.json");
      runs.add(first);
      runs.add(jar(env).run("sync", "--config", cfg, "--company", COMPANY, "--dry-run"));
      runs.add(jar(env).run("audit", "--config", cfg, "--company", COMPANY));
      runs.add(
          jar(env)
              .run(
                  "audit",
                  "--config",
                  cfg,
                  "--all-companies",
                  "--format",
                  "csv",
                  "--output",
                  "audit.csv"));
      runs.add(
          jar(env)
              .run(
                  "audit",
                  "--config",
                  cfg,
                  "--company",
                  COMPANY,
                  "--format",
                  "html",
                  "--output",
                  "audit.html"));
      // doctor probes once, without retries: the throttling ends here.
      world.graph.faults(Faults.none());
      world.knowbe4.faults(Faults.none());
      Run doctor = jar(env).run("doctor", "--config", cfg);
      runs.add(doctor);
      // A store that refuses run records: the run goes to the spool beside the configuration.
      refuseRunRecords(true);
      Run spooled = jar(env).run("sync", "--config", cfg, "--company", COMPANY);
      runs.add(spooled);
      Path spool = dir.resolve("kb4sync.yaml" + ".runs-spool.jsonl");
      assertThat(spool).as("%s", spooled).isRegularFile();
      String spoolText = Files.readString(spool);
      refuseRunRecords(false);
      // Failing channels and a failing PSA: their errors become warnings of the report.
      receiver.slackReply(200, "no_service");
      receiver.faults(Faults.none().failAfterApply(1.0));
      connectwise.faults(Faults.none().failAfterApply(1.0));
      world.tenant.addUser(person("cat@" + D, "Cat", "Carter", "Sales"));
      Run failingChannels = jar(env).run("sync", "--config", cfg, "--company", COMPANY);
      runs.add(failingChannels);
      receiver.faults(Faults.none());
      connectwise.faults(Faults.none());
      receiver.slackReply(200, "ok");
      // Refused credentials and a wrong Microsoft 365 secret: failed runs, notified and ticketed.
      world.knowbe4.scimToken("a-token-kb4sync-does-not-have").reportingKey("nor-this-key");
      Run refused = jar(env).run("sync", "--config", cfg, "--company", COMPANY);
      runs.add(refused);
      runs.add(jar(env).run("audit", "--config", cfg, "--company", COMPANY));
      runs.add(jar(env).run("doctor", "--config", cfg));
      Map<String, String> wrong = new LinkedHashMap<>(env);
      wrong.put(world.envPrefix() + "_M365_SECRET", WRONG_SECRET);
      Run wrongSecret = jar(wrong).run("sync", "--config", cfg, "--company", COMPANY);
      runs.add(wrongSecret);
      Run history = jar(env).run("runs", "--config", cfg);
      runs.add(history);

      assertThat(first.exitCode()).as("%s", first).isZero();
      assertThat(doctor.exitCode()).as("%s", doctor).isZero();
      assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
      assertThat(wrongSecret.exitCode()).as("%s", wrongSecret).isEqualTo(1);
      assertThat(history.exitCode()).as("%s", history).isZero();
      assertThat(history.stdout()).contains("\"run_id\"").contains(spooledRunId(spoolText));
      assertThat(failingChannels.report().path("warnings").toString())
          .as("the failing channels and PSA were tried")
          .contains("slack")
          .contains("ConnectWise");
      assertThat(receiver.posts(WebhookReceiverSimulator.Channel.TEAMS)).isNotEmpty();
      assertThat(receiver.posts(WebhookReceiverSimulator.Channel.SLACK)).isNotEmpty();
      assertThat(receiver.posts(WebhookReceiverSimulator.Channel.WEBHOOK)).isNotEmpty();
      assertThat(receiver.posts(WebhookReceiverSimulator.Channel.GRAPH_MAIL)).isNotEmpty();
      assertThat(connectwise.log().count(r -> r.isWrite())).isPositive();

      List<String> secrets = new ArrayList<>(world.secrets());
      secrets.addAll(
          List.of(
              WRONG_SECRET,
              MAIL_SECRET,
              HOOK_SECRET,
              CW_PRIVATE_KEY,
              receiver.accessToken(),
              receiver.teamsUrl(),
              receiver.slackUrl(),
              receiver.webhookUrl(),
              WebhookReceiverSimulator.TEAMS_PATH,
              WebhookReceiverSimulator.SLACK_PATH,
              WebhookReceiverSimulator.WEBHOOK_PATH,
              "TEAMSSECRET",
              "SLACKSECRET",
              "HOOKSECRET"));
      for (Run run : runs) {
        for (String secret : secrets) {
          assertThat(run.stdout()).as("stdout of %s", run).doesNotContain(secret);
          assertThat(run.stderr()).as("stderr of %s", run).doesNotContain(secret);
        }
      }
      for (String secret : secrets) {
        assertThat(spoolText).as("the spool").doesNotContain(secret);
      }
      assertThat(spoolText).contains("\"" + COMPANY + "\"");
      List<Path> written = files(dir);
      assertThat(written)
          .contains(
              dir.resolve("report.json"),
              dir.resolve("audit.csv"),
              dir.resolve("audit.html"),
              dir.resolve("state/kb4sync-state.db"));
      for (Path path : written) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(bytes).as("%s holds a secret", path).doesNotContain(secret);
        }
      }
      String tables = tables(dir.resolve("state/kb4sync-state.db"));
      assertThat(tables).contains("ann@" + D);
      for (String secret : secrets) {
        assertThat(tables).as("the state store's tables").doesNotContain(secret);
      }
      for (WebhookReceiverSimulator.Post post : receiver.posts()) {
        for (String secret : secrets) {
          if (post.channel() == WebhookReceiverSimulator.Channel.GRAPH_TOKEN
              && secret.equals(MAIL_SECRET)) {
            continue; // the mail app's own secret, sent to its own token endpoint
          }
          assertThat(post.body()).as("%s request body", post.channel()).doesNotContain(secret);
        }
      }
      for (LoggedRequest request : connectwise.log().all()) {
        for (String secret : secrets) {
          assertThat(String.valueOf(request.body()))
              .as("ConnectWise %s %s body", request.method(), request.path())
              .doesNotContain(secret);
        }
      }
    }
  }

  /** The run id of the first record in the spool. */
  private static String spooledRunId(String spool) throws Exception {
    return Run.JSON.readTree(spool.lines().findFirst().orElseThrow()).path("run_id").asText();
  }

  private Kb4syncJar jar(Map<String, String> env) {
    return Kb4syncJar.in(dir).env(env).env("KB4SYNC_LOG_LEVEL", "TRACE");
  }

  private static Map<String, Object> notifications(WebhookReceiverSimulator receiver) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("tenant_id", "msp.example");
    graph.put("client_id", "mail-client");
    graph.put("client_secret", "${env:E2E_MAIL_SECRET}");
    graph.put("sender", "alerts@msp.example");
    graph.put("graph_url", receiver.graphUrl());
    graph.put("login_url", receiver.loginUrl());
    Map<String, Object> email = new LinkedHashMap<>();
    email.put("graph", graph);
    email.put("recipients", List.of("noc@msp.example"));
    Map<String, Object> notifications = new LinkedHashMap<>();
    notifications.put("when", "always");
    notifications.put("email", email);
    notifications.put("teams", Map.of("webhook_url", "${env:E2E_TEAMS_URL}"));
    notifications.put("slack", Map.of("webhook_url", "${env:E2E_SLACK_URL}"));
    notifications.put(
        "webhooks",
        List.of(Map.of("url", "${env:E2E_HOOK_URL}", "secret", "${env:E2E_HOOK_SECRET}")));
    return notifications;
  }

  private static Map<String, Object> psa(ConnectWiseSimulator connectwise) {
    Map<String, Object> cw = new LinkedHashMap<>();
    cw.put("url", connectwise.apiUrl());
    cw.put("company_id", connectwise.credentials().companyId());
    cw.put("public_key", connectwise.credentials().publicKey());
    cw.put("private_key", "${env:E2E_CW_PRIVATE_KEY}");
    cw.put("client_id", connectwise.credentials().clientId());
    Map<String, Object> psa = new LinkedHashMap<>();
    psa.put("type", "connectwise");
    psa.put("when", List.of("failure", "guard_hold", "errors", "changes"));
    psa.put("connectwise", cw);
    return psa;
  }

  /**
   * Makes the state store refuse (or accept again) new run records: a trigger in the SQLite file,
   * as a full disk or a locked database would, so that runs go to the spool.
   */
  private void refuseRunRecords(boolean refuse) throws SQLException {
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state/kb4sync-state.db"));
        Statement sql = db.createStatement()) {
      sql.execute(
          refuse
              ? "CREATE TRIGGER e2e_refuse_runs BEFORE INSERT ON runs"
                  + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
              : "DROP TRIGGER e2e_refuse_runs");
    }
  }

  /** Every row of every table of the SQLite file, as text. */
  private static String tables(Path database) throws SQLException {
    StringBuilder all = new StringBuilder();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement sql = db.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rows =
          sql.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      assertThat(names).contains("runs", "links");
      for (String table : names) {
        try (ResultSet rows = sql.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
              all.append(rows.getString(c)).append('\t');
            }
            all.append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  /** The jar with every logger at TRACE, the most it can log. */
  private Kb4syncJar verbose(World world) {
    return kb4sync(world).env("KB4SYNC_LOG_LEVEL", "TRACE");
  }

  /** Every file under the folder: config, report, state database with its WAL and lock files. */
  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
