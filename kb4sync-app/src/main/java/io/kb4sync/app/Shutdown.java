package io.kb4sync.app;

import io.kb4sync.core.sync.StopSignal;
import java.io.PrintStream;
import java.time.Duration;

/**
 * How the process stops when told to (SIGTERM, Ctrl-C): every run sends no new write, writes in
 * flight finish, each run reports what it did (outcome {@code interrupted}, exit 3), and the
 * process exits with the command's own exit code once the command has printed its output, or after
 * {@link #GRACE} at the latest.
 */
public final class Shutdown {
  /** How long a stopping process waits for its command to finish. */
  public static final Duration GRACE = Duration.ofSeconds(25);

  /** The process's own: the one {@link Main#main} installs the hook for. */
  public static final Shutdown PROCESS = new Shutdown();

  private final StopSignal signal = new StopSignal();
  private int running;
  private Integer exitCode;

  /** The gate every run of this process watches. */
  public StopSignal signal() {
    return signal;
  }

  /** Runs {@code command} as the process's command, remembering its exit code. */
  public int command(java.util.function.IntSupplier command) {
    synchronized (this) {
      running++;
    }
    int code = Integer.MAX_VALUE;
    try {
      code = command.getAsInt();
      return code;
    } finally {
      synchronized (this) {
        running--;
        exitCode = code;
        notifyAll();
      }
    }
  }

  /**
   * Installs the hook: on SIGTERM it asks every run to stop, waits for the command, and ends the
   * process with the command's exit code (the JVM would otherwise report the signal).
   */
  public void installHook(PrintStream out, PrintStream err) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Integer code = awaitCommand();
                  if (code != null && code != Integer.MAX_VALUE) {
                    out.flush();
                    err.flush();
                    Runtime.getRuntime().halt(code);
                  }
                },
                "kb4sync-shutdown"));
  }

  /** Asks runs to stop if a command is running, then waits for it; its exit code, or null. */
  private synchronized Integer awaitCommand() {
    if (running == 0) {
      return null; // the command ended and System.exit runs the hooks: nothing to wait for
    }
    signal.request("kb4sync was told to stop (SIGTERM); writes in flight finished, no new write");
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return exitCode;
  }
}
