package io.kb4sync.bench;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 14, item 6: how fast kb4sync starts. Times {@code kb4sync --version} and a no-op sync of
 * one company (its account seeded in agreement, the simulators started here) as separate processes,
 * round after round with the variants in turn, and reports each one's wall time (process start to
 * exit) and CPU time (the child's user + system time from {@code /proc/self/stat}, so the
 * launcher's own shell and {@code find} count too).
 *
 * <pre>
 * java -cp kb4sync-app/target/kb4sync.jar:kb4sync-bench/target/classes \
 *   io.kb4sync.bench.StartBenchmark [--rounds 10] [--users 500] [--latency-ms 0]
 *   [--jar kb4sync-app/target/kb4sync.jar] [--archive kb4sync-app/target/kb4sync.jsa]
 *   [--java-opts "..."] [--launcher ./kb4sync] [--before-launcher OTHER/kb4sync]
 *   [--train none|version|noop|demo]
 * </pre>
 *
 * <p>Variants: {@code java -jar} as is and with the class-data archive ({@code
 * -XX:SharedArchiveFile}; the archive must have been made with the same jar path), and, when given,
 * the launcher (whatever options and archive it passes) and another launcher (e.g. a checkout of
 * the commit before). {@code --train} first makes the archive (replacing the one at {@code
 * --archive}) from one run of that kind; {@code noop} is the best an archive can do for the no-op.
 */
public final class StartBenchmark {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ 100

  private StartBenchmark() {}

  record Command(String name, List<String> words, boolean cds) {}

  record Sample(
      String name,
      int round,
      int exit,
      double wallMillis,
      double cpuMillis,
      double firstRequestMillis) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      options.put(args[i].substring(2), args[i + 1]);
    }
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "10"));
    World world = new World(Integer.parseInt(options.getOrDefault("users", "500")));
    int latencyMillis = Integer.parseInt(options.getOrDefault("latency-ms", "0"));
    Path jar =
        Path.of(options.getOrDefault("jar", "kb4sync-app/target/kb4sync.jar")).toAbsolutePath();
    Path archive =
        Path.of(options.getOrDefault("archive", jar.resolveSibling("kb4sync.jsa").toString()))
            .toAbsolutePath();
    List<String> javaOptions =
        options.containsKey("java-opts")
            ? List.of(options.get("java-opts").trim().split("\\s+"))
            : List.of();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path work = Files.createTempDirectory("kb4sync-start");

    GraphTenant tenant = world.tenant(0);
    try (GraphSimulator graph = GraphSimulator.start(tenant);
        KnowBe4Simulator knowbe4 = world.account(0, true)) {
      Faults latency = new Faults(1).latency(Duration.ofMillis(latencyMillis));
      graph.faults(latency);
      knowbe4.faults(latency);
      Path config = World.config(work, List.of(tenant), graph, List.of(knowbe4), 8, 1, false);
      RequestWatch watch = new RequestWatch(graph, knowbe4);
      List<String> noOp =
          List.of("sync", "--config", config.toString(), "--company", World.companyId(0));
      List<String> version = List.of("--version");

      String train = options.getOrDefault("train", "none");
      if (!train.equals("none")) {
        // The archive the JVM writes at the exit of one run of this kind (JDK 13+).
        Files.deleteIfExists(archive);
        Path folder = Files.createDirectories(work.resolve("train"));
        List<String> words = new ArrayList<>(List.of(java));
        words.addAll(javaOptions);
        words.addAll(
            List.of(
                "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-jar",
                jar.toString()));
        words.addAll(
            switch (train) {
              case "version" -> version;
              case "noop" -> noOp;
              case "demo" -> List.of("demo");
              default -> throw new IllegalArgumentException("--train none|version|noop|demo");
            });
        Sample trained = run(new Command("train " + train, words, false), 0, folder, watch);
        System.out.printf(
            "archive made by one %s run: %.0f ms, exit %d%n",
            train, trained.wallMillis(), trained.exit());
      }

      List<Command> commands = new ArrayList<>();
      for (Map.Entry<String, List<String>> what :
          Map.of("version", version, "noop", noOp).entrySet()) {
        List<String> plain = new ArrayList<>(List.of(java));
        plain.addAll(javaOptions);
        plain.add("-jar");
        plain.add(jar.toString());
        plain.addAll(what.getValue());
        commands.add(new Command("java -jar, " + what.getKey(), plain, false));
        if (Files.isRegularFile(archive)) {
          List<String> shared = new ArrayList<>(List.of(java));
          shared.addAll(javaOptions);
          shared.add("-XX:SharedArchiveFile=" + archive);
          shared.add("-Xlog:cds=off");
          shared.add("-Xlog:cds+dynamic=off");
          shared.add("-jar");
          shared.add(jar.toString());
          shared.addAll(what.getValue());
          commands.add(new Command("java -jar + archive, " + what.getKey(), shared, true));
        }
        for (String launcher : List.of("launcher", "before-launcher")) {
          if (options.containsKey(launcher)) {
            List<String> words =
                new ArrayList<>(
                    List.of(Path.of(options.get(launcher)).toAbsolutePath().toString()));
            words.addAll(what.getValue());
            commands.add(new Command(launcher + ", " + what.getKey(), words, false));
          }
        }
      }
      commands.sort(Comparator.comparing(Command::name));
      System.out.printf(
          "start: %d rounds; --version and a no-op sync of %,d users (%d ms latency); jar %s;"
              + " archive %s (%s); %s%n",
          rounds,
          world.users(),
          latencyMillis,
          jar,
          archive,
          Files.isRegularFile(archive) ? Files.size(archive) / (1 << 20) + " MB" : "missing",
          BaselineBenchmark.load());
      // One warm-up round (the page cache), not counted.
      for (Command command : commands) {
        run(command, -1, work, watch);
      }
      List<Sample> samples = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < commands.size(); i++) {
          samples.add(run(commands.get((i + round) % commands.size()), round, work, watch));
        }
      }
      System.out.printf(
          "%n| command | wall ms | CPU ms | first request at ms | exit |%n|---|---|---|---|---|%n");
      for (Command command : commands) {
        List<Sample> mine = samples.stream().filter(s -> s.name().equals(command.name())).toList();
        System.out.printf(
            "| %s | %s | %s | %s | %s |%n",
            command.name(),
            range(mine.stream().map(Sample::wallMillis).toList()),
            range(mine.stream().map(Sample::cpuMillis).toList()),
            range(mine.stream().map(Sample::firstRequestMillis).filter(v -> !v.isNaN()).toList()),
            mine.stream().map(s -> Integer.toString(s.exit())).distinct().toList());
      }
      for (String what : List.of("version", "noop")) {
        String plain = "java -jar, " + what;
        String shared = "java -jar + archive, " + what;
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> firstRequest = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          Sample a = find(samples, plain, round);
          Sample b = find(samples, shared, round);
          if (a != null && b != null) {
            wall.add(100 * (1 - b.wallMillis() / a.wallMillis()));
            cpu.add(100 * (1 - b.cpuMillis() / a.cpuMillis()));
            if (!Double.isNaN(a.firstRequestMillis()) && !Double.isNaN(b.firstRequestMillis())) {
              firstRequest.add(100 * (1 - b.firstRequestMillis() / a.firstRequestMillis()));
            }
          }
        }
        if (!wall.isEmpty()) {
          System.out.printf(
              "the archive saves, %s (paired by round): wall %s %%, CPU %s %%%s%n",
              what,
              range(wall),
              range(cpu),
              firstRequest.isEmpty()
                  ? ""
                  : ", time to the first request " + range(firstRequest) + " %");
        }
      }
      System.out.println(BaselineBenchmark.load() + " at the end");
    }
    System.exit(0);
  }

  private static Sample find(List<Sample> samples, String name, int round) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.round() == round)
        .findFirst()
        .orElse(null);
  }

  private static Sample run(Command command, int round, Path work, RequestWatch watch)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command.words())
            .directory(work.toFile())
            .redirectOutput(work.resolve("out.txt").toFile())
            .redirectError(work.resolve("err.txt").toFile());
    builder.environment().put("BENCH_M365_SECRET", World.SECRET);
    builder.environment().put("BENCH_KB4_SCIM_TOKEN", World.TOKEN);
    long cpuBefore = childrenCpuTicks();
    watch.reset();
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command.name() + " did not end in 10 minutes");
    }
    double wall = (System.nanoTime() - start) / 1e6;
    double cpu = (childrenCpuTicks() - cpuBefore) * (double) TICK_NANOS / 1e6;
    long first = watch.first();
    double firstRequest = first == 0 ? Double.NaN : (first - start) / 1e6;
    if (process.exitValue() != 0) {
      System.out.println(
          command.name()
              + " exited "
              + process.exitValue()
              + ": "
              + Files.readString(work.resolve("err.txt")));
    }
    if (round > 0) {
      System.out.printf(
          Locale.ROOT,
          "[%s, round %d] %.0f ms wall, %.0f ms CPU, first request at %.0f ms%n",
          command.name(),
          round,
          wall,
          cpu,
          firstRequest);
    }
    return new Sample(command.name(), round, process.exitValue(), wall, cpu, firstRequest);
  }

  /** When the first request of a run reached either simulator. */
  private static final class RequestWatch {
    private final GraphSimulator graph;
    private final KnowBe4Simulator knowbe4;
    private volatile long first;
    private volatile boolean armed;

    RequestWatch(GraphSimulator graph, KnowBe4Simulator knowbe4) {
      this.graph = graph;
      this.knowbe4 = knowbe4;
      Thread thread =
          new Thread(
              () -> {
                while (true) {
                  if (armed && (!graph.log().all().isEmpty() || !knowbe4.log().all().isEmpty())) {
                    first = System.nanoTime();
                    armed = false;
                  }
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "request-watch");
      thread.setDaemon(true);
      thread.start();
    }

    void reset() {
      armed = false;
      graph.log().clear();
      knowbe4.log().clear();
      first = 0;
      armed = true;
    }

    long first() {
      armed = false;
      return first;
    }
  }

  /** cutime + cstime of this process: what its waited-for children used. */
  private static long childrenCpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
  }

  private static String range(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "%.0f–%.0f (median %.0f)",
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        sorted.get(sorted.size() / 2));
  }
}
