package io.kb4sync.app.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real runnable jar, started as a separate process the way a technician runs it: {@code java
 * -jar kb4sync.jar ARGS} in a folder of its own, with its own environment. Output goes to files in
 * that folder, so a killed process leaves what it printed behind.
 */
final class Kb4syncJar {
  /** Longest a normal run may take before the test gives up on it and kills it. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path workingDirectory;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Duration timeout = DEFAULT_TIMEOUT;

  private Kb4syncJar(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /** Runs from {@code workingDirectory}: relative paths in arguments start there. */
  static Kb4syncJar in(Path workingDirectory) {
    return new Kb4syncJar(workingDirectory);
  }

  /** The jar Maven packaged: system property {@code kb4sync.jar}, set by the failsafe plugin. */
  static Path jar() {
    String configured = System.getProperty("kb4sync.jar");
    Path jar =
        configured == null || configured.isBlank()
            ? Path.of("target", "kb4sync.jar").toAbsolutePath()
            : Path.of(configured);
    if (!Files.isRegularFile(jar)) {
      fail(
          "%s is missing: the end-to-end tests run the packaged jar; run `mvn verify`, which"
              + " packages it before the integration-test phase",
          jar);
    }
    return jar;
  }

  Kb4syncJar env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  Kb4syncJar env(Map<String, String> values) {
    environment.putAll(values);
    return this;
  }

  Kb4syncJar timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Runs to the end (or the timeout, which fails the test) and returns what it printed. */
  Run run(String... args) {
    return start(args).await();
  }

  /**
   * Runs {@code script} with {@code /bin/sh -c} in the same folder and environment, to the end: a
   * command line as a technician pastes it.
   */
  Run shell(String script) {
    return launch(List.of("/bin/sh", "-c", script)).await();
  }

  /** Starts the process and returns at once. */
  Started start(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Start-up matters more than peak speed for runs of a few seconds; behaviour is unchanged.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    // A technician's machine is rarely in UTC or in English: a time zone 12:45 from UTC (TZ
    // below) and a Turkish locale, whose dotted and dotless i break locale-sensitive
    // lower-casing of emails, flush out bugs that the build machine's defaults would hide.
    command.add("-Duser.language=tr");
    command.add("-Duser.country=TR");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return launch(command);
  }

  private Started launch(List<String> command) {
    int number = RUNS.incrementAndGet();
    Path stdout = workingDirectory.resolve(".e2e-run-" + number + ".stdout");
    Path stderr = workingDirectory.resolve(".e2e-run-" + number + ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    // Nothing of the developer's own kb4sync set-up may leak into the run.
    builder.environment().keySet().removeIf(name -> name.startsWith("KB4SYNC"));
    builder.environment().put("TZ", "Pacific/Chatham");
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close(); // no standard input, as in CI
      return new Started(process, List.copyOf(command), stdout, stderr, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A running kb4sync process. */
  static final class Started {
    private final Process process;
    private final List<String> command;
    private final Path stdout;
    private final Path stderr;
    private final Duration timeout;

    private Started(
        Process process, List<String> command, Path stdout, Path stderr, Duration timeout) {
      this.process = process;
      this.command = command;
      this.stdout = stdout;
      this.stderr = stderr;
      this.timeout = timeout;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** What the process has printed on stderr so far. */
    String stderrSoFar() {
      return read(stderr);
    }

    /** Sends a signal by name ({@code HUP}, {@code TERM}) with {@code kill}. */
    void signal(String name) {
      try {
        int code =
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (code != 0) {
          fail("kill -%s %d exited %d", name, process.pid(), code);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    long pid() {
      return process.pid();
    }

    /**
     * Waits for the end; a process still running after the timeout is killed and fails the test.
     */
    Run await() {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          fail(
              "kb4sync did not finish within %s: %s%nstderr:%n%s",
              timeout, String.join(" ", command), read(stderr));
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for kb4sync", e);
      }
      return new Run(process.exitValue(), read(stdout), read(stderr));
    }

    /** Sends SIGTERM (shutdown hooks run), and waits for the end as {@link #await()} does. */
    Run terminate() {
      process.destroy();
      return await();
    }

    /** Kills the process as {@code kill -9} would (no shutdown hooks), and waits for its end. */
    Run kill() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          fail("kb4sync (pid %d) survived destroyForcibly for 30 s", process.pid());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while killing kb4sync", e);
      }
      return new Run(process.exitValue(), read(stdout), read(stderr));
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
