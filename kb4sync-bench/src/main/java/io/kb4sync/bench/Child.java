package io.kb4sync.bench;

import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.cli.Cli;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process {@link BaselineBenchmark} measures: runs kb4sync's command line in this JVM, as
 * {@code java -jar kb4sync.jar} would ({@code kb4sync}), or the naive baseline ({@code naive}: the
 * same command and adapters with the Microsoft 365 and KnowBe4 reads one after the other; the
 * configuration it is given sets one write at a time and one company at a time). Once the command
 * has returned it writes what it cost to the result file: process CPU time, heap, threads. ({@code
 * bare} is no kb4sync at all: see {@link BareCreates}.)
 *
 * <pre>
 * java -cp kb4sync.jar:kb4sync-bench/target/classes io.kb4sync.bench.Child RESULT kb4sync|naive ARGS...
 * </pre>
 */
public final class Child {
  private Child() {}

  /**
   * CPU time of the live threads (Linux: /proc/self/task), summed by name with the digits taken
   * out, largest first: the JIT compilers, the collector and the VM's own threads are in it, which
   * a Java profiler does not sample. Threads that have ended are not.
   */
  static String cpuByThread() {
    Map<String, Long> ticks = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          ticks.merge(name.replaceAll("[0-9]+", "N"), used, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(ticks.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> entry : sorted) {
      if (entry.getValue() > 0) {
        // USER_HZ is 100 on Linux: a tick is 10 ms.
        text.append(text.length() == 0 ? "" : ", ")
            .append(entry.getKey())
            .append(' ')
            .append(entry.getValue() * 10)
            .append(" ms");
      }
    }
    return text.toString();
  }

  public static void main(String[] args) throws Exception {
    Path result = Path.of(args[0]);
    String mode = args[1];
    String[] command = Arrays.copyOfRange(args, 2, args.length);
    long mainAtMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    long started = System.nanoTime();
    int code =
        switch (mode) {
          case "kb4sync" -> Main.run(System.out, System.err, command);
          case "naive" ->
              Main.run(
                  new Cli(
                      System.out,
                      System.err,
                      new SequentialReads(new RealConnectors()),
                      Clock.systemUTC(),
                      Path.of("").toAbsolutePath(),
                      System::getenv),
                  command);
          case "bare" ->
              BareCreates.run(
                  java.net.URI.create(command[0]),
                  System.getenv("BENCH_KB4_SCIM_TOKEN"),
                  command[1],
                  Integer.parseInt(command[2]),
                  Integer.parseInt(command[3]));
          default -> throw new IllegalArgumentException("mode kb4sync, naive or bare, not " + mode);
        };
    long commandNanos = System.nanoTime() - started;
    System.out.flush();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.gc();
    long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Files.writeString(
        result,
        String.join(
            "\n",
            "exit=" + code,
            "cpu_ns=" + cpu,
            "command_ns=" + commandNanos,
            "main_at_ms=" + mainAtMillis,
            "heap_peak=" + heapPeak,
            "heap_committed=" + committed,
            "heap_live=" + live,
            "heap_max=" + Runtime.getRuntime().maxMemory(),
            "threads_peak=" + threads.getPeakThreadCount(),
            "threads_started=" + threads.getTotalStartedThreadCount(),
            "cpu_by_thread=" + cpuByThread(),
            ""));
    System.exit(code);
  }
}
