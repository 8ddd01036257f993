package io.kb4sync.bench;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Issue 14's figures, each measured beside a naive baseline in the same run: kb4sync's command line
 * and the baseline run one after the other, round after round, as separate processes against the
 * same Graph and KnowBe4 simulators (started here) with the same latency. The baseline is the same
 * command with the same adapters, the Microsoft 365 and KnowBe4 reads one after the other, one
 * write at a time ({@code write_concurrency: 1}) and one company at a time ({@code
 * parallel_companies: 1}).
 *
 * <p>Per run it prints the wall time (process start to exit), the requests each simulator received,
 * the writes and the answers 429, the process CPU time (and per write), heap and threads; at the
 * end, per variant, the range over the rounds and each run's ratio to the baseline of its round.
 * Absolute times drift on a shared machine (the load average is printed); ratios and request counts
 * do not.
 *
 * <pre>
 * mvn -B -q -pl kb4sync-app,kb4sync-bench -am package -DskipTests
 * java -cp kb4sync-app/target/kb4sync.jar:kb4sync-bench/target/classes \
 *   io.kb4sync.bench.BaselineBenchmark noop|initial|book [--users N] [--companies N]
 *   [--latency-ms MS] [--write-concurrency N] [--parallel N] [--rounds N] [--reporting]
 *   [--variants naive,kb4sync,before] [--before-jar JAR] [--jar JAR] [--java-opts "..."] [--jfr]
 *   [--launcher ./kb4sync] [--before-launcher OTHER/kb4sync] [--opts-VARIANT "..."]
 *   [--baseline VARIANT]
 * </pre>
 *
 * <ul>
 *   <li>{@code noop}: one company of {@code --users} (5,000) users, its KnowBe4 account in
 *       agreement: nothing to write.
 *   <li>{@code initial}: one company of {@code --users} (2,000) users into an empty KnowBe4 account
 *       (a new one for every run); also the create rate against the in-flight bound {@code
 *       write_concurrency / latency}.
 *   <li>{@code book}: {@code --all-companies} over {@code --companies} (200) companies of {@code
 *       --users} (500) users, all in sync, {@code parallel_companies} {@code --parallel} (8).
 * </ul>
 *
 * <p>Variants: {@code naive} (the baseline, on {@code --jar}), {@code kb4sync} (on {@code --jar}),
 * {@code before} (kb4sync on {@code --before-jar}, e.g. a build of the commit before a change),
 * {@code naive-before} (the baseline on {@code --before-jar}); in general a name starting with
 * {@code naive} runs the baseline, a name containing {@code before} the other jar, and {@code
 * --opts-NAME "..."} gives that variant JVM options of its own (e.g. the launcher's); {@code
 * --baseline NAME} (default {@code naive}) is the variant each run's wall time is divided by.
 * {@code bare} ({@code initial} only) is no kb4sync: the same creates by a bare {@code
 * java.net.http} client with {@code --write-concurrency} in flight, the machine's floor at the
 * moment ({@link BareCreates}). A state store of its own for every run, so every run matches by
 * email as a first run would. Every variant gets the JVM options of the launcher beside its jar
 * ({@code REPO/kb4sync} for {@code REPO/kb4sync-app/target/kb4sync.jar}, or {@code --launcher},
 * {@code --before-launcher}), so kb4sync runs as {@code ./kb4sync} runs it.
 */
public final class BaselineBenchmark {
  private final String scenario;
  private final int users;
  private final int companies;
  private final int latencyMillis;
  private final int writeConcurrency;
  private final int parallel;
  private final int rounds;
  private final boolean reporting;
  private final List<String> variants;
  private final String baseline;
  private final Path jar;
  private final Path beforeJar;
  private final List<String> javaOptions;
  private final boolean jfr;
  private final Path work;
  private final World world;
  private final List<Run> runs = new ArrayList<>();
  private final Map<String, List<String>> variantOptions = new LinkedHashMap<>();

  private BaselineBenchmark(Map<String, String> options, String scenario) throws IOException {
    this.scenario = scenario;
    this.users =
        Integer.parseInt(
            options.getOrDefault(
                "users",
                switch (scenario) {
                  case "noop" -> "5000";
                  case "initial" -> "2000";
                  default -> "500";
                }));
    this.companies =
        scenario.equals("book") ? Integer.parseInt(options.getOrDefault("companies", "200")) : 1;
    this.latencyMillis = Integer.parseInt(options.getOrDefault("latency-ms", "20"));
    this.writeConcurrency = Integer.parseInt(options.getOrDefault("write-concurrency", "8"));
    this.parallel = Integer.parseInt(options.getOrDefault("parallel", "8"));
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    this.reporting = options.containsKey("reporting");
    this.variants = List.of(options.getOrDefault("variants", "naive,kb4sync").split(","));
    this.baseline = options.getOrDefault("baseline", "naive");
    this.jar =
        Path.of(options.getOrDefault("jar", "kb4sync-app/target/kb4sync.jar")).toAbsolutePath();
    this.beforeJar =
        options.containsKey("before-jar")
            ? Path.of(options.get("before-jar")).toAbsolutePath()
            : null;
    this.javaOptions =
        options.containsKey("java-opts")
            ? List.of(options.get("java-opts").trim().split("\\s+"))
            : List.of();
    this.jfr = options.containsKey("jfr");
    this.work = Files.createTempDirectory("kb4sync-baseline");
    this.world = new World(users);
    List<String> launcherOptions =
        LauncherOptions.of(
            Path.of(options.getOrDefault("launcher", LauncherOptions.beside(jar).toString())));
    List<String> beforeLauncherOptions =
        beforeJar == null
            ? List.of()
            : LauncherOptions.of(
                Path.of(
                    options.getOrDefault(
                        "before-launcher", LauncherOptions.beside(beforeJar).toString())));
    for (String variant : variants) {
      List<String> jvm =
          new ArrayList<>(variant.contains("before") ? beforeLauncherOptions : launcherOptions);
      if (options.containsKey("opts-" + variant)) {
        jvm.addAll(List.of(options.get("opts-" + variant).trim().split("\\s+")));
      }
      variantOptions.put(variant, jvm);
      Path used = variant.contains("before") ? beforeJar : jar;
      if (used == null || !Files.isRegularFile(used)) {
        throw new IllegalArgumentException(
            "variant " + variant + " needs " + (used == null ? "--before-jar" : used));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !List.of("noop", "initial", "book").contains(args[0])) {
      System.err.println("usage: BaselineBenchmark noop|initial|book [options]; see the Javadoc");
      System.exit(2);
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i].substring(2);
      boolean flag = name.equals("reporting") || name.equals("jfr");
      if (!flag && i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      options.put(name, flag ? "true" : args[++i]);
    }
    BaselineBenchmark benchmark = new BaselineBenchmark(options, args[0]);
    benchmark.runAll();
    System.exit(0);
  }

  // ---- the world and the rounds

  private void runAll() throws Exception {
    Faults latency = new Faults(1).latency(Duration.ofMillis(latencyMillis));
    List<GraphTenant> tenants = new ArrayList<>();
    for (int n = 0; n < companies; n++) {
      tenants.add(world.tenant(n));
    }
    boolean seeded = !scenario.equals("initial");
    List<KnowBe4Simulator> accounts = new ArrayList<>();
    try (GraphSimulator graph = GraphSimulator.start(tenants.toArray(GraphTenant[]::new))) {
      graph.faults(latency);
      if (seeded) {
        for (int n = 0; n < companies; n++) {
          accounts.add(world.account(n, true).faults(latency));
        }
      }
      System.out.printf(
          "%s: %d compan%s x %,d users, %d ms latency on every request, write_concurrency %d,"
              + " parallel_companies %d, KnowBe4 read through %s; %d rounds of %s; %d"
              + " processors; %s%n",
          scenario,
          companies,
          companies == 1 ? "y" : "ies",
          users,
          latencyMillis,
          writeConcurrency,
          parallel,
          reporting ? "the Reporting API" : "SCIM",
          rounds,
          String.join(", ", variants),
          Runtime.getRuntime().availableProcessors(),
          load());
      System.out.println(
          "(baseline: the same command and adapters, reads one after the other,"
              + " write_concurrency 1, parallel_companies 1)");
      variantOptions.forEach(
          (variant, jvm) ->
              System.out.println(
                  "  "
                      + variant
                      + ": JVM options "
                      + (jvm.isEmpty() ? "none" : String.join(" ", jvm))));
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < variants.size(); i++) {
          // Each round starts with another variant, so no variant always runs on a warmer machine.
          String variant = variants.get((i + round - 1) % variants.size());
          List<KnowBe4Simulator> used = accounts;
          if (!seeded) {
            used = List.of(world.account(0, false).faults(latency));
          }
          try {
            runs.add(run(variant, round, tenants, graph, used));
          } finally {
            if (!seeded) {
              used.forEach(KnowBe4Simulator::close);
            }
          }
        }
      }
    } finally {
      accounts.forEach(KnowBe4Simulator::close);
    }
    summary();
  }

  /** What one run cost. */
  record Run(
      String variant,
      int round,
      int exit,
      double wallSeconds,
      double cpuSeconds,
      double mainAtSeconds,
      long heapPeakMb,
      long heapLiveMb,
      long heapCommittedMb,
      int threadsPeak,
      long threadsStarted,
      long graphRequests,
      long knowbe4Requests,
      long writes,
      long throttled,
      long creates,
      double createRate,
      int mostWritesInFlight,
      String cpuByThread,
      String loadBefore,
      String loadAfter,
      long reportingRequests,
      double reportingSpanSeconds,
      int reportingMostInASecond,
      double graphSpanSeconds,
      double knowbe4SpanSeconds) {

    double cpuPerWriteMillis() {
      return writes == 0 ? Double.NaN : cpuSeconds * 1000 / writes;
    }
  }

  private Run run(
      String variant,
      int round,
      List<GraphTenant> tenants,
      GraphSimulator graph,
      List<KnowBe4Simulator> accounts)
      throws IOException, InterruptedException {
    boolean naive = variant.startsWith("naive");
    Path folder = work.resolve(variant + "-" + round);
    Path config =
        World.config(
            folder,
            tenants,
            graph,
            accounts,
            naive ? 1 : writeConcurrency,
            naive ? 1 : parallel,
            reporting);
    graph.log().clear();
    accounts.forEach(a -> a.log().clear());
    // Each run starts with the Reporting limits unspent, as a run a day after the last would: runs
    // one after another in separate processes cannot share kb4sync's in-process budget.
    accounts.forEach(KnowBe4Simulator::resetReportingLimits);
    Path result = folder.resolve("result.properties");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(variantOptions.get(variant));
    command.addAll(javaOptions);
    if (jfr) {
      command.add("-Xlog:jfr+startup=error");
      command.add(
          "-XX:StartFlightRecording=filename=" + folder.resolve("run.jfr") + ",settings=profile");
    }
    command.add("-cp");
    command.add((variant.contains("before") ? beforeJar : jar) + ":" + benchClasses());
    command.add(Child.class.getName());
    command.add(result.toString());
    if (variant.equals("bare")) {
      command.add("bare");
      command.addAll(
          List.of(
              accounts.get(0).scimUrl().toString(),
              World.domain(0),
              Integer.toString(users),
              Integer.toString(writeConcurrency)));
    } else {
      command.add(naive ? "naive" : "kb4sync");
      command.addAll(List.of("sync", "--config", config.toString()));
      if (companies == 1) {
        command.addAll(List.of("--company", World.companyId(0)));
      } else {
        command.add("--all-companies");
      }
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectOutput(folder.resolve("report.json").toFile())
            .redirectError(folder.resolve("stderr.txt").toFile());
    builder.environment().put("BENCH_M365_SECRET", World.SECRET);
    builder.environment().put("BENCH_KB4_SCIM_TOKEN", World.TOKEN);
    builder.environment().put("BENCH_KB4_REPORTING_KEY", World.KEY);
    CreateClock creates = scenario.equals("initial") ? new CreateClock(accounts.get(0)) : null;
    String loadBefore = load();
    long start = System.nanoTime();
    Process process = builder.start();
    if (creates != null) {
      creates.start();
    }
    if (!process.waitFor(90, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(variant + " did not end in 90 minutes");
    }
    double wall = (System.nanoTime() - start) / 1e9;
    if (creates != null) {
      creates.stop();
    }
    Properties measured = new Properties();
    if (Files.isRegularFile(result)) {
      try (var in = Files.newBufferedReader(result)) {
        measured.load(in);
      }
    }
    List<LoggedRequest> graphLog = graph.log().all();
    long knowbe4Requests = 0;
    long writes = 0;
    double graphSpan = span(graphLog);
    double knowbe4Span = 0;
    long reportingRequests = 0;
    long firstReporting = Long.MAX_VALUE;
    long lastReporting = Long.MIN_VALUE;
    int reportingMost = 0;
    long throttled = count(graphLog, 429);
    for (KnowBe4Simulator account : accounts) {
      List<LoggedRequest> log = account.log().all();
      knowbe4Requests += log.size();
      writes += log.stream().filter(LoggedRequest::isWrite).count();
      throttled += count(log, 429);
      knowbe4Span = Math.max(knowbe4Span, span(log));
      for (LoggedRequest request : log) {
        if (request.path().startsWith("/v1/")) {
          reportingRequests++;
          firstReporting = Math.min(firstReporting, request.nanos());
          lastReporting = Math.max(lastReporting, request.nanos());
        }
      }
      reportingMost =
          Math.max(
              reportingMost,
              account.log().mostWithin(Duration.ofSeconds(1), r -> r.path().startsWith("/v1/")));
    }
    long createCount = accounts.stream().mapToLong(KnowBe4Simulator::scimCreates).sum();
    Run run =
        new Run(
            variant,
            round,
            process.exitValue(),
            wall,
            number(measured, "cpu_ns") / 1e9,
            number(measured, "main_at_ms") / 1e3,
            (long) (number(measured, "heap_peak") / (1 << 20)),
            (long) (number(measured, "heap_live") / (1 << 20)),
            (long) (number(measured, "heap_committed") / (1 << 20)),
            (int) number(measured, "threads_peak"),
            (long) number(measured, "threads_started"),
            graphLog.size(),
            knowbe4Requests,
            writes,
            throttled,
            createCount,
            creates == null ? Double.NaN : creates.rate(),
            accounts.stream().mapToInt(KnowBe4Simulator::maxConcurrentWrites).max().orElse(0),
            measured.getProperty("cpu_by_thread", ""),
            loadBefore,
            load(),
            reportingRequests,
            reportingRequests == 0 ? Double.NaN : (lastReporting - firstReporting) / 1e9,
            reportingMost,
            graphSpan,
            knowbe4Span);
    print(run, folder);
    return run;
  }

  /** Seconds from the first request a simulator handled to the last (one read: its length). */
  private static double span(List<LoggedRequest> log) {
    if (log.isEmpty()) {
      return Double.NaN;
    }
    long first = log.stream().mapToLong(LoggedRequest::nanos).min().orElseThrow();
    long last = log.stream().mapToLong(LoggedRequest::nanos).max().orElseThrow();
    return (last - first) / 1e9;
  }

  private static long count(List<LoggedRequest> log, int status) {
    return log.stream().filter(r -> r.status() == status).count();
  }

  private static double number(Properties properties, String key) {
    String value = properties.getProperty(key);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  private static Path benchClasses() {
    try {
      return Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Watches the account's SCIM creates: the create rate is the creates after the first one over the
   * time from the first to the last.
   */
  private static final class CreateClock {
    private final KnowBe4Simulator account;
    private volatile boolean running = true;
    private volatile long first;
    private volatile long last;
    private volatile long countAtFirst;
    private volatile long countAtLast;
    private Thread thread;

    CreateClock(KnowBe4Simulator account) {
      this.account = account;
    }

    void start() {
      thread =
          new Thread(
              () -> {
                long seen = 0;
                while (running) {
                  long count = account.scimCreates();
                  long now = System.nanoTime();
                  if (count > seen) {
                    if (seen == 0) {
                      first = now;
                      countAtFirst = count;
                    }
                    last = now;
                    countAtLast = count;
                    seen = count;
                  }
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "create-clock");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    double rate() {
      return last == first ? Double.NaN : (countAtLast - countAtFirst) / ((last - first) / 1e9);
    }
  }

  // ---- output

  private void print(Run run, Path folder) {
    System.out.printf(
        Locale.ROOT,
        "%n[%s, round %d] exit %d, wall %.2f s, CPU %.2f s%s, heap peak %d MB (live after GC"
            + " %d MB, committed %d MB), threads peak %d (%d started), main() at %.2f s%n",
        run.variant(),
        run.round(),
        run.exit(),
        run.wallSeconds(),
        run.cpuSeconds(),
        run.writes() == 0
            ? ""
            : String.format(Locale.ROOT, " (%.2f ms per write)", run.cpuPerWriteMillis()),
        run.heapPeakMb(),
        run.heapLiveMb(),
        run.heapCommittedMb(),
        run.threadsPeak(),
        run.threadsStarted(),
        run.mainAtSeconds());
    System.out.printf(
        Locale.ROOT,
        "  requests: Microsoft Graph %d, KnowBe4 %d; writes %d; answered 429: %d%s%n",
        run.graphRequests(),
        run.knowbe4Requests(),
        run.writes(),
        run.throttled(),
        Double.isNaN(run.createRate())
            ? ""
            : String.format(
                Locale.ROOT,
                "; %d creates at %.0f/s (%.0f%% of the in-flight bound %d/%d ms = %.0f/s), most"
                    + " writes in flight %d",
                run.creates(),
                run.createRate(),
                100 * run.createRate() / bound(run),
                run.variant().startsWith("naive") ? 1 : writeConcurrency,
                latencyMillis,
                bound(run),
                run.mostWritesInFlight()));
    System.out.printf(
        Locale.ROOT,
        "  first to last request handled: Microsoft Graph %.2f s, KnowBe4 %.2f s (longest"
            + " account)%n",
        run.graphSpanSeconds(),
        run.knowbe4SpanSeconds());
    if (run.reportingRequests() > 0) {
      System.out.printf(
          Locale.ROOT,
          "  Reporting API: %d requests, %.2f s from the first to the last (as handled), at most %d"
              + " in any second%n",
          run.reportingRequests(),
          run.reportingSpanSeconds(),
          run.reportingMostInASecond());
    }
    System.out.printf("  CPU by thread (live at the end): %s%n", run.cpuByThread());
    System.out.printf(
        "  %s before, %s after; files in %s%n", run.loadBefore(), run.loadAfter(), folder);
    if (run.exit() != 0) {
      try {
        Files.readAllLines(folder.resolve("stderr.txt")).stream()
            .limit(10)
            .forEach(line -> System.out.println("  stderr: " + line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private double bound(Run run) {
    int concurrency = run.variant().startsWith("naive") ? 1 : writeConcurrency;
    return concurrency * 1000.0 / latencyMillis;
  }

  private void summary() {
    System.out.printf("%n== %s: %d rounds; %s at the end%n", scenario, rounds, load());
    System.out.println(
        "| variant | wall s | x baseline (paired) | CPU s | CPU ms/write | create rate /s | Graph"
            + " req | KnowBe4 req | writes | 429 | heap peak MB | live MB | threads peak |"
            + " Reporting span s | Graph span s | KnowBe4 span s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String variant : variants) {
      List<Run> mine = runs.stream().filter(r -> r.variant().equals(variant)).toList();
      List<Double> ratios = new ArrayList<>();
      for (Run run : mine) {
        runs.stream()
            .filter(r -> r.variant().equals(baseline) && r.round() == run.round())
            .findFirst()
            .ifPresent(base -> ratios.add(run.wallSeconds() / base.wallSeconds()));
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          variant,
          range(mine, Run::wallSeconds, "%.2f"),
          range(ratios, "%.2f"),
          range(mine, Run::cpuSeconds, "%.2f"),
          range(mine, Run::cpuPerWriteMillis, "%.2f"),
          range(mine, Run::createRate, "%.0f"),
          range(mine, r -> r.graphRequests(), "%.0f"),
          range(mine, r -> r.knowbe4Requests(), "%.0f"),
          range(mine, r -> r.writes(), "%.0f"),
          range(mine, r -> r.throttled(), "%.0f"),
          range(mine, r -> r.heapPeakMb(), "%.0f"),
          range(mine, r -> r.heapLiveMb(), "%.0f"),
          range(mine, r -> r.threadsPeak(), "%.0f"),
          range(mine, Run::reportingSpanSeconds, "%.2f"),
          range(mine, Run::graphSpanSeconds, "%.2f"),
          range(mine, Run::knowbe4SpanSeconds, "%.2f"));
    }
    long failed = runs.stream().filter(r -> r.exit() != 0).count();
    if (failed > 0) {
      System.out.println(failed + " run(s) did not exit 0: see above");
    }
  }

  private static String range(List<Run> runs, ToDoubleFunction<Run> value, String format) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(value.applyAsDouble(r)));
    return range(values, format);
  }

  /** "min–max (median)", or one value when they are all equal; "" when there is none. */
  private static String range(List<Double> values, String format) {
    List<Double> sorted =
        values.stream().filter(v -> !Double.isNaN(v)).sorted(Comparator.naturalOrder()).toList();
    if (sorted.isEmpty()) {
      return "";
    }
    String min = String.format(Locale.ROOT, format, sorted.get(0));
    String max = String.format(Locale.ROOT, format, sorted.get(sorted.size() - 1));
    if (min.equals(max)) {
      return min;
    }
    String median = String.format(Locale.ROOT, format, sorted.get(sorted.size() / 2));
    return min + "–" + max + " (" + median + ")";
  }

  /** The machine's load average: other processes on the same cores slow every run down. */
  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "load " + parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "load unknown";
    }
  }
}
