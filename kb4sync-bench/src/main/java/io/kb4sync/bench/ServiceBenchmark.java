package io.kb4sync.bench;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service mode at scale (issue 15): N companies of M licensed users each, all made due at the same
 * moment (an interval schedule that never ran), run by two {@code kb4sync serve} processes (the
 * packaged jar, {@code -Xmx512m} each) on one PostgreSQL (embedded, started here), against Graph
 * and KnowBe4 simulators in this JVM answering every request after a fixed latency. Prints the time
 * from the first node serving until every company's run has ended, the peak requests per second the
 * simulators saw, and the peak used heap of each node (sampled with {@code jstat}). Exits 1 when a
 * run did not finish, or the targets (10 minutes, 512 MB) are missed.
 *
 * <pre>
 * mvn -B -q -pl kb4sync-app,kb4sync-bench -am package -DskipTests
 * mvn -B -q -pl kb4sync-bench -am package dependency:build-classpath \
 *   -Dmdep.outputFile=/tmp/bench.cp -DskipTests
 * java -cp kb4sync-bench/target/classes:$(cat /tmp/bench.cp) io.kb4sync.bench.ServiceBenchmark \
 *   [--companies 500] [--users 200] [--latency-ms 20] [--parallel 8] \
 *   [--jar kb4sync-app/target/kb4sync.jar]
 * </pre>
 */
public final class ServiceBenchmark {
  static final String SKU = "SPE_E3";
  static final String SKU_ID = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  static final String SECRET = "bench-m365-client-secret";
  static final String TOKEN = "bench-kb4-scim-token";
  static final Duration TARGET = Duration.ofMinutes(10);
  static final long HEAP_TARGET_MB = 512;
  private static final Pattern SERVING = Pattern.compile("kb4sync: serving on http://\\S+:(\\d+)");

  public static void main(String[] args) throws Exception {
    int companies = 500;
    int users = 200;
    int latency = 20;
    int parallel = 8;
    Path jar = Path.of("kb4sync-app", "target", "kb4sync.jar");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--companies" -> companies = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
        case "--parallel" -> parallel = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (see the Javadoc)");
    }
    System.exit(run(companies, users, latency, parallel, jar.toAbsolutePath()) ? 0 : 1);
  }

  private static boolean run(int companies, int users, int latency, int parallel, Path jar)
      throws Exception {
    Path work = Files.createTempDirectory("kb4sync-service-bench");
    Faults faults = new Faults(1).latency(Duration.ofMillis(latency));
    List<GraphTenant> tenants = new ArrayList<>();
    for (int c = 0; c < companies; c++) {
      String domain = "co" + c + ".example";
      tenants.add(
          GraphTenant.builder("co" + c + ".onmicrosoft.com")
              .displayName("Company " + c)
              .clientSecret(SECRET)
              .verifiedDomain(domain)
              .sku(SKU, SKU_ID)
              .users(
                  users,
                  n ->
                      u ->
                          u.upn("user" + n + "@" + domain)
                              .mail("user" + n + "@" + domain)
                              .name("User", "Number" + n)
                              .department(n % 2 == 0 ? "Sales" : "Engineering")
                              .jobTitle("Clerk")
                              .license(SKU))
              .build());
    }
    List<KnowBe4Simulator> accounts = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        GraphSimulator graph = GraphSimulator.start(tenants.toArray(GraphTenant[]::new))) {
      graph.faults(faults);
      StringBuilder yaml = new StringBuilder();
      yaml.append("state: \"postgresql://postgres@localhost:")
          .append(postgres.getPort())
          .append("/postgres\"\n")
          .append("parallel_companies: ")
          .append(parallel)
          .append("\nserver: { dead_node_after: 1m }\n")
          .append("defaults:\n  schedule: { sync: \"1d\", audit: \"off\" }\n")
          .append("  variables: { knowbe4_default_group: \"All Users\", ")
          .append("knowbe4_department_group_mapping: { Sales: \"Sales Team\" } }\n")
          .append("companies:\n");
      for (int c = 0; c < companies; c++) {
        KnowBe4Simulator account = KnowBe4Simulator.start(TOKEN, "bench-key");
        account.seats(users * 2).account("Company " + c, List.of("co" + c + ".example"));
        account.faults(faults);
        accounts.add(account);
        GraphTenant tenant = tenants.get(c);
        yaml.append("  - company_id: \"c")
            .append(c)
            .append("\"\n    m365: { tenant_id: \"")
            .append(tenant.name())
            .append("\", client_id: \"")
            .append(tenant.clientId())
            .append("\", client_secret: \"${env:BENCH_SECRET}\", graph_url: \"")
            .append(graph.baseUri())
            .append("\", login_url: \"")
            .append(graph.baseUri())
            .append("\" }\n    knowbe4: { scim_url: \"")
            .append(account.scimUrl())
            .append("\", scim_token: \"${env:BENCH_TOKEN}\" }\n");
      }
      Path config = work.resolve("kb4sync.yaml");
      Files.writeString(config, yaml);
      System.out.printf(
          Locale.ROOT,
          "%d companies x %d licensed users, %d ms latency per request, parallel_companies %d"
              + " per node, 2 nodes (-Xmx512m) on one PostgreSQL; %d processor(s)%n",
          companies,
          users,
          latency,
          parallel,
          Runtime.getRuntime().availableProcessors());

      long before = requests(graph, accounts);
      for (String name : List.of("a", "b")) {
        nodes.add(Node.start(name, jar, config, work));
      }
      long start = System.nanoTime();
      for (Node node : nodes) {
        node.awaitServing();
      }
      // Requests per second, counted in one-second windows by a thread that does nothing else.
      java.util.concurrent.atomic.AtomicLong peakRate =
          new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicLong peak10 = new java.util.concurrent.atomic.AtomicLong();
      Thread sampler =
          new Thread(
              () -> {
                long last = before;
                long lastAt = System.nanoTime();
                java.util.ArrayDeque<long[]> window = new java.util.ArrayDeque<>();
                window.add(new long[] {lastAt, before});
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                    return;
                  }
                  long now = requests(graph, accounts);
                  long at = System.nanoTime();
                  long rate = (now - last) * 1_000_000_000L / Math.max(1, at - lastAt);
                  peakRate.accumulateAndGet(rate, Math::max);
                  window.add(new long[] {at, now});
                  while (at - window.peekFirst()[0] > 10_500_000_000L) {
                    window.removeFirst();
                  }
                  long[] first = window.peekFirst();
                  if (at - first[0] >= 9_500_000_000L) {
                    peak10.accumulateAndGet(
                        (now - first[1]) * 1_000_000_000L / (at - first[0]), Math::max);
                  }
                  total.set(now - before);
                  last = now;
                  lastAt = at;
                }
              },
              "request-sampler");
      sampler.setDaemon(true);
      sampler.start();
      int ended = 0;
      try (Connection db = postgres.getPostgresDatabase().getConnection()) {
        while (System.nanoTime() - start < TARGET.multipliedBy(2).toNanos()) {
          Thread.sleep(2000);
          for (Node node : nodes) {
            node.sampleHeap();
          }
          ended = endedRuns(db);
          if (ended >= companies) {
            break;
          }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Thread.sleep(1100);
        sampler.interrupt();
        long last = before + total.get();
        long peak = peakRate.get();
        long sustained = peak10.get();
        List<String> statuses = statuses(db);
        long created = accounts.stream().mapToLong(KnowBe4Simulator::scimCreates).sum();
        System.out.printf(
            Locale.ROOT,
            "every run ended: %d of %d, in %.1f s (target %d s); statuses %s%n",
            ended,
            companies,
            took.toMillis() / 1000.0,
            TARGET.toSeconds(),
            statuses);
        System.out.printf(
            Locale.ROOT,
            "requests: %,d in all, %,d per second on average, peak %,d per second over 10 s"
                + " (%,d in the busiest 1-s window); KnowBe4 users created %,d%n",
            last - before,
            (last - before) * 1000 / Math.max(1, took.toMillis()),
            sustained,
            peak,
            created);
        boolean ok = ended >= companies && took.compareTo(TARGET) < 0;
        for (Node node : nodes) {
          System.out.printf(
              Locale.ROOT,
              "node %s: peak used heap %d MB (target < %d MB), runs %d%n",
              node.name,
              node.peakHeapMb,
              HEAP_TARGET_MB,
              runsOf(db, node.process.pid()));
          ok &= node.peakHeapMb > 0 && node.peakHeapMb < HEAP_TARGET_MB;
        }
        System.out.println(load());
        return ok;
      }
    } finally {
      for (Node node : nodes) {
        node.process.destroy();
        node.process.waitFor();
      }
      accounts.forEach(KnowBe4Simulator::close);
    }
  }

  private static long requests(GraphSimulator graph, List<KnowBe4Simulator> accounts) {
    long count = graph.log().all().size();
    for (KnowBe4Simulator account : accounts) {
      count += account.log().all().size();
    }
    return count;
  }

  private static int endedRuns(Connection db) throws SQLException {
    try (PreparedStatement ps =
            db.prepareStatement(
                "SELECT count(DISTINCT company_id) FROM runs WHERE status NOT IN"
                    + " ('queued', 'running')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> statuses(Connection db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
            db.prepareStatement(
                "SELECT status, coalesce(outcome, '-'), count(*) FROM runs GROUP BY 1, 2"
                    + " ORDER BY 1, 2");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1) + "/" + rs.getString(2) + "=" + rs.getInt(3));
      }
    }
    return out;
  }

  private static long runsOf(Connection db, long pid) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT count(*) FROM runs WHERE owner LIKE ?")) {
      ps.setString(1, "% pid " + pid + " %");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String load() {
    try {
      return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "load average unknown";
    }
  }

  /** One {@code kb4sync serve} process. */
  private static final class Node {
    final String name;
    final Process process;
    final Path stderr;
    long peakHeapMb;

    private Node(String name, Process process, Path stderr) {
      this.name = name;
      this.process = process;
      this.stderr = stderr;
    }

    static Node start(String name, Path jar, Path config, Path work) throws IOException {
      Path err = work.resolve("node-" + name + ".stderr");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-jar",
                  jar.toString(),
                  "serve",
                  "--config",
                  config.toString(),
                  "--port",
                  "0")
              .redirectOutput(work.resolve("node-" + name + ".stdout").toFile())
              .redirectError(err.toFile());
      builder.environment().put("BENCH_SECRET", SECRET);
      builder.environment().put("BENCH_TOKEN", TOKEN);
      return new Node(name, builder.start(), err);
    }

    void awaitServing() throws Exception {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        Matcher m = SERVING.matcher(Files.readString(stderr));
        if (m.find()) {
          return;
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("node " + name + " ended: " + Files.readString(stderr));
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("node " + name + " did not start serving");
    }

    /** Used heap in MB from {@code jstat -gc}: survivor, eden and old spaces in use. */
    void sampleHeap() {
      try {
        Process jstat =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                    "-gc",
                    Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(jstat.getInputStream().readAllBytes()).lines().toList();
        jstat.waitFor();
        if (lines.size() < 2) {
          return;
        }
        List<String> header = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        double kb = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
          int index = header.indexOf(column);
          if (index >= 0) {
            kb += Double.parseDouble(values[index]);
          }
        }
        peakHeapMb = Math.max(peakHeapMb, (long) (kb / 1024));
      } catch (IOException | RuntimeException e) {
        // The node has ended: keep the peak seen.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
