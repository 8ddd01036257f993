package io.kb4sync.bench;

import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.cli.Cli;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * The process {@link BaselineBenchmark} measures: runs kb4sync's command line in this JVM, as
 * {@code java -jar kb4sync.jar} would ({@code kb4sync}), or the naive baseline ({@code naive}: the
 * same command and adapters with the Microsoft 365 and KnowBe4 reads one after the other; the
 * configuration it is given sets one write at a time and one company at a time). Once the command
 * has returned it writes what it cost to the result file: process CPU time, heap, threads.
 *
 * <pre>
 * java -cp kb4sync.jar:kb4sync-bench/target/classes io.kb4sync.bench.Child RESULT kb4sync|naive ARGS...
 * </pre>
 */
public final class Child {
  private Child() {}

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
          default -> throw new IllegalArgumentException("mode kb4sync or naive, not " + mode);
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
            ""));
    System.exit(code);
  }
}
