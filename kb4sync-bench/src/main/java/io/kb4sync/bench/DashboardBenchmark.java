package io.kb4sync.bench;

import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.service.Service;
import io.kb4sync.app.service.ServiceHttp;
import io.kb4sync.app.signin.StorePeople;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.server.Role;
import io.kb4sync.server.ServiceMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's pages with a big book (issue 16): N companies in the configuration and in a
 * SQLite state store, each with R runs of history (syncs with reports of a few dozen changes, one
 * in ten holding archives, one in twenty failed, and an audit), served in this JVM by the service's
 * API server and pages on loopback. Asks each page many times as a signed-in admin and prints the
 * median and the 95th percentile per page. Exits 1 when a page's median is over 200 ms.
 *
 * <pre>
 * mvn -B -q -pl kb4sync-bench -am package dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/bench.cp -DskipTests
 * java -cp kb4sync-bench/target/classes:$(cat /tmp/bench.cp) io.kb4sync.bench.DashboardBenchmark \
 *   [--companies 500] [--runs 20] [--requests 50]
 * </pre>
 */
public final class DashboardBenchmark {
  static final long TARGET_MS = 200;
  static final int WARM_UP = 20;

  public static void main(String[] args) throws Exception {
    int companies = 500;
    int runs = 20;
    int requests = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--companies" -> companies = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.exit(run(companies, runs, requests) ? 0 : 1);
  }

  private static boolean run(int companies, int runsEach, int requests) throws Exception {
    Path work = Files.createTempDirectory("kb4sync-dashboard-bench");
    Path file = work.resolve("kb4sync.yaml");
    Files.writeString(file, config(companies, work.resolve("state.db")));
    Map<String, String> env = Map.of("BENCH_SECRET", "s", "BENCH_TOKEN", "t");
    Config config = ConfigLoader.load(file, env::get);
    Clock clock = Clock.systemUTC();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Service service =
        Service.start(
            config, new RealConnectors(), clock, quiet, new StopSignal(), env::get, List.of());
    ServiceMetrics metrics = new ServiceMetrics();
    new StorePeople(service.stateStore(), clock)
        .add("admin", Role.ADMIN, "bench-password".toCharArray());
    ServiceHttp http = ServiceHttp.api(service, metrics, clock);
    try {
      long seeding = System.nanoTime();
      String aRun = seed(service, companies, runsEach, clock.instant());
      System.out.printf(
          Locale.ROOT,
          "seeded %d companies x %d runs in %d s%n",
          companies,
          runsEach,
          Duration.ofNanos(System.nanoTime() - seeding).toSeconds());
      int port = http.start("127.0.0.1", 0);
      String base = "http://127.0.0.1:" + port;
      HttpClient client = HttpClient.newHttpClient();
      String cookie = signIn(client, base);
      String middle = "c" + (companies / 2);
      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("companies (worst first)", "/");
      pages.put("companies, filter held", "/?filter=held");
      pages.put(
          "companies, search", "/?q=" + URLEncoder.encode("Company 42", StandardCharsets.UTF_8));
      pages.put("company", "/companies/" + middle);
      pages.put("run", "/runs/" + aRun);
      pages.put("held archives", "/held");
      pages.put(
          "evidence CSV (30 days)",
          "/companies/"
              + middle
              + "/evidence.csv?from="
              + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30)
              + "&to="
              + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
      boolean ok = true;
      System.out.printf(
          Locale.ROOT, "%-26s %10s %10s %10s%n", "page", "median ms", "p95 ms", "bytes");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        long[] millis = new long[requests];
        int bytes = 0;
        for (int i = 0; i < WARM_UP + requests; i++) {
          long start = System.nanoTime();
          HttpResponse<String> answer =
              client.send(
                  HttpRequest.newBuilder(URI.create(base + page.getValue()))
                      .header("Cookie", cookie)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          long took = (System.nanoTime() - start) / 1_000_000;
          if (answer.statusCode() != 200) {
            throw new IllegalStateException(page.getValue() + " answered " + answer.statusCode());
          }
          bytes = answer.body().length();
          if (i >= WARM_UP) {
            millis[i - WARM_UP] = took;
          }
        }
        Arrays.sort(millis);
        long median = millis[millis.length / 2];
        long p95 = millis[(int) Math.ceil(millis.length * 0.95) - 1];
        System.out.printf(Locale.ROOT, "%-26s %10d %10d %10d%n", page.getKey(), median, p95, bytes);
        if (median > TARGET_MS) {
          ok = false;
        }
      }
      System.out.println(ok ? "every median under " + TARGET_MS + " ms" : "TARGET MISSED");
      return ok;
    } finally {
      http.stop();
      service.stop();
      metrics.close();
    }
  }

  private static String signIn(HttpClient client, String base) throws Exception {
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("name=admin&password=bench-password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        answer
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow(
                () -> new IllegalStateException("sign-in refused: " + answer.statusCode()));
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** Writes the history; returns the id of one sync with a report. */
  private static String seed(Service service, int companies, int runsEach, Instant now) {
    String some = null;
    for (int c = 0; c < companies; c++) {
      List<RunRecord> runs = new ArrayList<>();
      for (int r = 0; r < runsEach; r++) {
        Instant started = now.minus(Duration.ofHours((long) (runsEach - r) * 24 + c % 24));
        boolean audit = r == runsEach - 2;
        boolean last = r == runsEach - 1;
        Outcome outcome =
            last && c % 20 == 7 ? Outcome.FAILED : last && c % 10 == 3 ? Outcome.HELD : Outcome.OK;
        String report = audit ? audit(c) : report(c, outcome);
        RunRecord run =
            new RunRecord(
                RunRecord.newRunId(started),
                "c" + c,
                audit ? RunRecord.AUDIT : RunRecord.SYNC,
                false,
                outcome.status() == RunStatus.FAILED ? RunStatus.FAILED : RunStatus.FINISHED,
                outcome,
                started,
                started.plusSeconds(40),
                RunRecord.TRIGGER_SCHEDULE,
                "bench",
                "",
                report);
        runs.add(run);
        if (!audit) {
          some = run.runId();
        }
      }
      service.stateStore().importRuns(runs);
    }
    return some;
  }

  private static String report(int c, Outcome outcome) {
    StringBuilder created = new StringBuilder();
    StringBuilder updates = new StringBuilder();
    for (int u = 0; u < 20; u++) {
      created
          .append(u == 0 ? "" : ",")
          .append("{\"email\":\"new")
          .append(u)
          .append("@co")
          .append(c)
          .append(".example\",\"first_name\":\"New\",\"last_name\":\"Hire")
          .append(u)
          .append("\",\"department\":\"Sales\",\"knowbe4_group\":\"All Users\",")
          .append("\"enrollment_status\":\"Invited\",\"knowbe4_groups\":[\"All Users\"]}");
      updates
          .append(u == 0 ? "" : ",")
          .append("{\"email\":\"moved")
          .append(u)
          .append("@co")
          .append(c)
          .append(".example\",\"changes\":[{\"attribute\":\"department\",\"from\":\"Sales\",")
          .append("\"to\":\"Support\"}]}");
    }
    boolean held = outcome == Outcome.HELD;
    StringBuilder staged = new StringBuilder();
    if (held) {
      for (int u = 0; u < 12; u++) {
        staged
            .append(u == 0 ? "" : ",")
            .append("{\"email\":\"leaver")
            .append(u)
            .append("@co")
            .append(c)
            .append(".example\",\"reason\":\"No longer in M365\",\"last_m365_sync\":null,")
            .append("\"held_by\":\"more archives than the threshold\",\"guard\":\"threshold\"}");
      }
    }
    String errors =
        outcome == Outcome.FAILED
            ? "{\"email\":null,\"operation\":\"read Microsoft 365\",\"message\":\"sign-in failed\"}"
            : "";
    return "{\"success\":"
        + (outcome == Outcome.OK)
        + ",\"sync_summary\":{\"company\":\"Company "
        + c
        + "\",\"m365_users_found\":200,\"knowbe4_users_found\":190,\"users_matched\":180,"
        + "\"users_created\":20,\"users_updated\":20,\"users_archived\":0,\"groups_synced\":3,"
        + "\"sync_timestamp\":\"2026-12-01T02:00:00Z\"},\"users_created\":["
        + created
        + "],\"users_archived\":[],\"user_updates\":["
        + updates
        + "],\"staged_archives\":["
        + staged
        + "],\"staged_archives_fingerprint\":"
        + (held ? "\"" + "ab".repeat(32) + "\"" : "null")
        + ",\"conflicts\":[],\"errors\":["
        + errors
        + "],\"warnings\":[],\"dry_run\":false,\"outcome\":\""
        + outcome.id()
        + "\"}";
  }

  private static String audit(int c) {
    return "{\"company\":\"Company "
        + c
        + "\",\"complete\":true,\"summary\":{\"findings\":4,\"critical\":"
        + (c % 3)
        + ",\"warning\":2,\"info\":1},\"findings\":[],\"warnings\":[],\"errors\":[]}";
  }

  private static String config(int companies, Path state) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("state: \"sqlite:").append(state.toAbsolutePath()).append("\"\n");
    yaml.append("defaults:\n  schedule: { sync: \"off\", audit: \"off\" }\n");
    yaml.append("companies:\n");
    for (int c = 0; c < companies; c++) {
      yaml.append("  - company_id: \"c").append(c).append("\"\n");
      yaml.append("    name: \"Company ").append(c).append("\"\n");
      yaml.append("    m365:\n");
      yaml.append("      tenant_id: \"co").append(c).append(".onmicrosoft.com\"\n");
      yaml.append("      client_id: \"0d6f3f6e-6a4e-4a59-9d6e-6f7a3b2c1d00\"\n");
      yaml.append("      client_secret: \"${env:BENCH_SECRET}\"\n");
      yaml.append("      graph_url: \"http://127.0.0.1:9\"\n");
      yaml.append("      login_url: \"http://127.0.0.1:9\"\n");
      yaml.append("    knowbe4:\n      region: us\n");
      yaml.append("      scim_url: \"http://127.0.0.1:9/scim/v2\"\n");
      yaml.append("      scim_token: \"${env:BENCH_TOKEN}\"\n");
    }
    return yaml.toString();
  }
}
