package io.kb4sync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The sync benchmarks of issue 5, through the packaged jar run as a separate process (as a
 * technician runs it) against the Graph and KnowBe4 simulators in this JVM, both answering every
 * request after a fixed latency:
 *
 * <ol>
 *   <li><b>initial sync</b>: N licensed Microsoft 365 users (6 departments, 1 manager per 100
 *       users) into an empty KnowBe4 account; prints the wall time (process start to exit), the
 *       requests per simulator and the most KnowBe4 writes in flight. Target: under 2 minutes for
 *       10,000 users at 50 ms.
 *   <li><b>no-op sync</b>: the same company again, nothing to do; checks zero writes and at most
 *       the Graph read bound (⌈N/100⌉ user pages + token, organization, subscribedSkus) + the
 *       KnowBe4 read pages + 5 other requests.
 * </ol>
 *
 * <p>With {@code --seeded} the account is seeded in agreement with the tenant instead of created by
 * an initial sync, so only the no-op runs (matched by email, then by stored link). Exits 1 when a
 * target or bound is missed. Build, then run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl kb4sync-app,kb4sync-bench -am package -DskipTests
 * java -cp kb4sync-app/target/kb4sync.jar:kb4sync-bench/target/classes \
 *   io.kb4sync.bench.SyncBenchmark [--users 10000] [--latency-ms 50] [--write-concurrency 8] \
 *   [--reporting] [--seeded] [--jar kb4sync-app/target/kb4sync.jar] [--java-opts "..."]
 * </pre>
 */
public final class SyncBenchmark {
  static final String COMPANY = "1001";
  static final String TENANT = "bench.onmicrosoft.com";
  static final String DOMAIN = "bench.example";
  static final String SKU = "SPE_E3";
  static final String SKU_ID = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  static final String SECRET = "bench-m365-client-secret";
  static final String TOKEN = "bench-kb4-scim-token";
  static final String KEY = "bench-kb4-reporting-key";
  static final String[] DEPARTMENTS = {
    "Sales", "Engineering", "Finance", "Support", "Marketing", "Operations"
  };
  static final int MANAGERS = 100;
  static final Duration INITIAL_TARGET = Duration.ofMinutes(2);
  static final int OTHER_REQUESTS = 5;

  private final int users;
  private final int latencyMillis;
  private final int writeConcurrency;
  private final boolean reporting;
  private final Path jar;
  private final List<String> javaOptions;
  private final Path work;
  private final ObjectMapper json = new ObjectMapper();
  private boolean failed;

  private SyncBenchmark(
      int users,
      int latencyMillis,
      int writeConcurrency,
      boolean reporting,
      Path jar,
      List<String> javaOptions,
      Path work) {
    this.users = users;
    this.latencyMillis = latencyMillis;
    this.writeConcurrency = writeConcurrency;
    this.reporting = reporting;
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    int users = 10_000;
    int latency = 50;
    int concurrency = 8;
    boolean reporting = false;
    boolean seeded = false;
    Path jar = Path.of("kb4sync-app", "target", "kb4sync.jar");
    List<String> javaOptions = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
        case "--write-concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--reporting" -> reporting = true;
        case "--seeded" -> seeded = true;
        case "--jar" -> jar = Path.of(args[++i]);
        case "--java-opts" -> javaOptions = List.of(args[++i].trim().split("\\s+"));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (see the Javadoc)");
    }
    Path work = Files.createTempDirectory("kb4sync-bench");
    SyncBenchmark benchmark =
        new SyncBenchmark(
            users, latency, concurrency, reporting, jar.toAbsolutePath(), javaOptions, work);
    boolean ok = seeded ? benchmark.seededNoOp() : benchmark.initialThenNoOp();
    System.exit(ok ? 0 : 1);
  }

  private boolean initialThenNoOp() throws Exception {
    GraphTenant tenant = tenant();
    try (GraphSimulator graph = GraphSimulator.start(tenant);
        KnowBe4Simulator knowbe4 = KnowBe4Simulator.start(TOKEN, KEY)) {
      knowbe4.seats(users * 2).account("Bench", List.of(DOMAIN));
      Faults latency = new Faults(1).latency(Duration.ofMillis(latencyMillis));
      graph.faults(latency);
      knowbe4.faults(latency);
      Path config = config(tenant, graph, knowbe4);
      header();

      Result initial = run("initial sync", config, graph, knowbe4);
      check(
          initial.exitCode == 0
              && initial.report.at("/sync_summary/users_created").asInt() == users,
          "the initial sync created all " + users + " users");
      check(
          initial.wall.compareTo(INITIAL_TARGET) < 0,
          "the initial sync took less than " + INITIAL_TARGET.toSeconds() + " s");

      Result noOp = run("no-op sync", config, graph, knowbe4);
      checkNoOp(noOp);
    }
    return !failed;
  }

  private boolean seededNoOp() throws Exception {
    GraphTenant tenant = tenant();
    try (GraphSimulator graph = GraphSimulator.start(tenant);
        KnowBe4Simulator knowbe4 = KnowBe4Simulator.start(TOKEN, KEY)) {
      knowbe4.seats(users * 2).account("Bench", List.of(DOMAIN));
      for (int n = 0; n < users; n++) {
        String department = DEPARTMENTS[n % DEPARTMENTS.length];
        UserSeed seed =
            UserSeed.of(email(n))
                .named("User", "Number" + n)
                .department(department)
                .title("Clerk")
                .groups("All Users", department + " Team");
        knowbe4.seedUser(n < MANAGERS ? seed : seed.manager(email(n % MANAGERS)));
      }
      Faults latency = new Faults(1).latency(Duration.ofMillis(latencyMillis));
      graph.faults(latency);
      knowbe4.faults(latency);
      Path config = config(tenant, graph, knowbe4);
      header();
      checkNoOp(run("no-op sync, matched by email", config, graph, knowbe4));
      checkNoOp(run("no-op sync, matched by stored link", config, graph, knowbe4));
    }
    return !failed;
  }

  private void header() {
    System.out.printf(
        "%,d licensed users, %d ms latency per request on both simulators, write_concurrency %d,"
            + " KnowBe4 read through %s; %d processor(s)%n",
        users,
        latencyMillis,
        writeConcurrency,
        reporting ? "the Reporting API (+ SCIM for ids)" : "SCIM",
        Runtime.getRuntime().availableProcessors());
  }

  /** The machine's load average: other processes on the same cores slow both JVMs down. */
  private static String load() {
    try {
      return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "load average unknown";
    }
  }

  private void checkNoOp(Result result) {
    long groups = result.groups;
    long graphBound = pages(users, 100) + 3;
    long knowbe4Pages = pages(result.knowbe4Users, 100) + pages(groups, 100);
    String formula =
        "⌈" + result.knowbe4Users + "/100⌉ SCIM user pages + ⌈" + groups + "/100⌉ SCIM group pages";
    if (reporting) {
      // Reporting pages end with an empty page; active, archived and groups are listed apart.
      long active = result.knowbe4Users - archivedUsersOf(result);
      knowbe4Pages +=
          1 + (active / 500 + 1) + (archivedUsersOf(result) / 500 + 1) + (groups / 500 + 1);
      formula +=
          " + 1 account + (⌊"
              + active
              + "/500⌋+1) active + (⌊"
              + archivedUsersOf(result)
              + "/500⌋+1) archived + (⌊"
              + groups
              + "/500⌋+1) group pages";
    }
    long bound = graphBound + knowbe4Pages + OTHER_REQUESTS;
    System.out.printf(
        "  bound: Graph ⌈%d/100⌉+3 = %d; KnowBe4 read pages %s = %d; + %d other = %d requests%n",
        users, graphBound, formula, knowbe4Pages, OTHER_REQUESTS, bound);
    check(result.exitCode == 0, "the no-op sync exited 0");
    check(result.writes == 0, "the no-op sync made no write request (made " + result.writes + ")");
    check(
        result.graphRequests <= graphBound,
        "Graph requests " + result.graphRequests + " <= " + graphBound);
    check(
        result.graphRequests + result.knowbe4Requests <= bound,
        "all requests " + (result.graphRequests + result.knowbe4Requests) + " <= " + bound);
  }

  private static long archivedUsersOf(Result result) {
    return result.knowbe4Users - result.knowbe4Active;
  }

  private void check(boolean ok, String what) {
    System.out.printf("  %s %s%n", ok ? "OK    " : "MISSED", what);
    failed |= !ok;
  }

  // ---- one run

  /** What one run did, from its report and from the simulators' request logs. */
  private record Result(
      int exitCode,
      Duration wall,
      JsonNode report,
      long graphRequests,
      long knowbe4Requests,
      long writes,
      long knowbe4Users,
      long knowbe4Active,
      long groups) {}

  private Result run(String label, Path config, GraphSimulator graph, KnowBe4Simulator knowbe4)
      throws IOException, InterruptedException {
    graph.log().clear();
    knowbe4.log().clear();
    long knowbe4Users = knowbe4.users().size();
    long knowbe4Active = knowbe4.activeUsers().size();
    long groups = knowbe4.groups().size();
    Path stdout = work.resolve(label.replace(' ', '-') + ".json");
    Path stderr = work.resolve(label.replace(' ', '-') + ".stderr");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(
        List.of(
            "-jar", jar.toString(), "sync", "--config", config.toString(), "--company", COMPANY));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().put("BENCH_M365_SECRET", SECRET);
    builder.environment().put("BENCH_KB4_SCIM_TOKEN", TOKEN);
    builder.environment().put("BENCH_KB4_REPORTING_KEY", KEY);
    String loadBefore = load();
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(label + " did not end in 30 minutes");
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    JsonNode report = json.readTree(Files.readString(stdout));
    List<LoggedRequest> graphLog = graph.log().all();
    List<LoggedRequest> knowbe4Log = knowbe4.log().all();
    long graphWrites = graphLog.stream().filter(r -> r.isWrite() && !isToken(r)).count();
    Result result =
        new Result(
            process.exitValue(),
            wall,
            report,
            graphLog.size(),
            knowbe4Log.size(),
            graphWrites + knowbe4.log().writes(),
            knowbe4Users,
            knowbe4Active,
            groups);

    JsonNode summary = report.at("/sync_summary");
    System.out.printf(
        "%n%s: exit %d in %.1f s (process start to exit)%n  %s before, %s after%n",
        label, result.exitCode, wall.toMillis() / 1000.0, loadBefore, load());
    System.out.printf(
        "  report: %d in scope, %d matched, %d created, %d updated, %d archived, %d group"
            + " additions, %d errors%n",
        summary.at("/m365_users_found").asInt(),
        summary.at("/users_matched").asInt(),
        summary.at("/users_created").asInt(),
        summary.at("/users_updated").asInt(),
        summary.at("/users_archived").asInt(),
        report.at("/group_changes/group_additions").asInt(),
        report.at("/errors").size());
    System.out.printf(
        "  Microsoft Graph: %d requests %s%s%n",
        graphLog.size(), breakdown(graphLog), refusals(graphLog));
    System.out.printf(
        "  KnowBe4: %d requests %s%s%s%n",
        knowbe4Log.size(),
        breakdown(knowbe4Log),
        refusals(knowbe4Log),
        knowbe4.log().writes() == 0
            ? ""
            : "; most writes in flight: " + knowbe4.maxConcurrentWrites());
    System.out.printf("  writes: %d%n", result.writes);
    List<String> progress =
        Files.readAllLines(stderr).stream().filter(l -> l.startsWith("kb4sync: [")).toList();
    if (!progress.isEmpty()) {
      System.out.println("  progress lines (elapsed seconds, phase):");
      progress.forEach(line -> System.out.println("    " + line));
    }
    List<String> other =
        Files.readAllLines(stderr).stream().filter(l -> !l.startsWith("kb4sync: [")).toList();
    other.stream().limit(10).forEach(line -> System.out.println("  stderr: " + line));
    return result;
  }

  private static boolean isToken(LoggedRequest request) {
    return request.path().endsWith("/oauth2/v2.0/token");
  }

  /** "; answered 429: 6 (GET /v1/users 5, GET /v1/groups 1)", or nothing when all succeeded. */
  private static String refusals(List<LoggedRequest> log) {
    Map<Integer, List<LoggedRequest>> byStatus = new TreeMap<>();
    for (LoggedRequest request : log) {
      if (request.status() >= 300) {
        byStatus.computeIfAbsent(request.status(), k -> new ArrayList<>()).add(request);
      }
    }
    StringBuilder text = new StringBuilder();
    byStatus.forEach(
        (status, requests) ->
            text.append("; answered ")
                .append(status)
                .append(": ")
                .append(requests.size())
                .append(' ')
                .append(breakdown(requests)));
    return text.toString();
  }

  /** Requests by method and resource: "(GET /v1.0/users 100, POST /scim/v2/Users 10000, ...)". */
  private static String breakdown(List<LoggedRequest> log) {
    Map<String, Integer> counts = new TreeMap<>();
    for (LoggedRequest request : log) {
      String path = request.path();
      String resource;
      if (isToken(request)) {
        resource = "token";
      } else if (path.startsWith("/scim/v2/")) {
        String[] parts = path.substring("/scim/v2/".length()).split("/");
        resource = "/scim/v2/" + parts[0] + (parts.length > 1 ? "/{id}" : "");
      } else if (path.startsWith("/v1/")) {
        resource = path.replaceAll("/\\d+", "/{id}");
      } else {
        resource = path;
      }
      counts.merge(request.method() + " " + resource, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((key, count) -> parts.add(key + " " + count));
    return "(" + String.join(", ", parts) + ")";
  }

  // ---- the world

  private GraphTenant tenant() {
    return GraphTenant.builder(TENANT)
        .clientSecret(SECRET)
        .verifiedDomain(DOMAIN)
        .sku(SKU, SKU_ID)
        .users(
            users,
            n ->
                u ->
                    u.upn(email(n))
                        .mail(email(n))
                        .name("User", "Number" + n)
                        .department(DEPARTMENTS[n % DEPARTMENTS.length])
                        .jobTitle("Clerk")
                        .license(SKU)
                        .manager(n < MANAGERS ? null : email(n % MANAGERS)))
        .build();
  }

  private static String email(int n) {
    return "user" + n + "@" + DOMAIN;
  }

  private Path config(GraphTenant tenant, GraphSimulator graph, KnowBe4Simulator knowbe4)
      throws IOException {
    StringBuilder mapping = new StringBuilder();
    for (String department : DEPARTMENTS) {
      mapping.append(mapping.length() == 0 ? "" : ", ");
      mapping.append('"').append(department).append("\": \"").append(department).append(" Team\"");
    }
    String yaml =
        """
        state: "sqlite:./state/bench-state.db"
        companies:
          - company_id: "%s"
            name: "Bench Corp"
            m365:
              tenant_id: "%s"
              client_id: "%s"
              client_secret: "${env:BENCH_M365_SECRET}"
              graph_url: "%s"
              login_url: "%s"
            knowbe4:
              scim_url: "%s"
              scim_token: "${env:BENCH_KB4_SCIM_TOKEN}"
        %s      write_concurrency: %d
            variables:
              knowbe4_sync_license_filter: ["%s"]
              knowbe4_default_group: "All Users"
              knowbe4_department_group_mapping: { %s }
              knowbe4_remove_stale_users: true
        """
            .formatted(
                COMPANY,
                TENANT,
                tenant.clientId(),
                graph.baseUri(),
                graph.baseUri(),
                knowbe4.scimUrl(),
                reporting
                    ? "      reporting_url: \""
                        + knowbe4.reportingUrl()
                        + "\"\n      reporting_api_key: \"${env:BENCH_KB4_REPORTING_KEY}\"\n"
                    : "",
                writeConcurrency,
                SKU,
                mapping);
    Path file = work.resolve("kb4sync.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static long pages(long count, long pageSize) {
    return Math.max(1, (count + pageSize - 1) / pageSize);
  }
}
