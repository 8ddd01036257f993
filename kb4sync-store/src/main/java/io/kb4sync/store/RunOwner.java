package io.kb4sync.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who runs a run: {@code <host name> pid <pid> started <ISO instant>}, e.g. {@code build-01 pid
 * 4242 started 2026-11-20T07:59:58.120Z}, so that a later process can tell whether it died.
 *
 * <p>{@link #isAlive} answers for processes of this host only: same host name, then a process with
 * that pid exists and started at that instant (within a second; the pid alone could have been
 * reused). A run owned by another host is treated as alive: only service mode's dead-node detection
 * can tell about other machines. Two machines (or containers) that share one host name but not
 * their process ids would see each other's runs as dead: give them distinct host names.
 */
public final class RunOwner {

  private static final Pattern FORMAT =
      Pattern.compile("(?<host>\\S+) pid (?<pid>\\d{1,18})(?: started (?<started>\\S+))?");

  /** How far two readings of one process's start time may differ (clock-tick rounding). */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private static final String CURRENT = describe(ProcessHandle.current());

  private RunOwner() {}

  /** This process. */
  public static String current() {
    return CURRENT;
  }

  /**
   * Whether the process named by {@code owner} may still run: true for another host (see the class
   * comment), else true only when a process with its pid and start time exists on this host. False
   * for null or a text not in the format.
   */
  public static boolean isAlive(String owner) {
    if (owner == null) {
      return false;
    }
    Matcher m = FORMAT.matcher(owner.strip());
    if (!m.matches()) {
      return false;
    }
    if (!m.group("host").equalsIgnoreCase(HostName.VALUE)) {
      return true;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(m.group("pid")));
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    Optional<Instant> started = process.get().info().startInstant();
    if (m.group("started") == null || started.isEmpty()) {
      return true; // no start time on one side: the pid is all there is to go by
    }
    Instant recorded;
    try {
      recorded = Instant.parse(m.group("started"));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
    return Duration.between(recorded, started.get()).abs().compareTo(START_TOLERANCE) <= 0;
  }

  static String describe(ProcessHandle process) {
    String owner = HostName.VALUE + " pid " + process.pid();
    Optional<Instant> started = process.info().startInstant();
    return started.map(at -> owner + " started " + at.truncatedTo(ChronoUnit.MILLIS)).orElse(owner);
  }

  /** This machine's name, looked up once, without waiting on DNS where the OS tells it. */
  static final class HostName {
    static final String VALUE = lookUp();

    private HostName() {}

    private static String lookUp() {
      String windows = System.getenv("COMPUTERNAME");
      if (windows != null && !windows.isBlank()) {
        return clean(windows);
      }
      for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
        try {
          String name = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
          if (!name.isEmpty()) {
            return clean(name);
          }
        } catch (IOException | RuntimeException e) {
          // Not Linux, or not readable: try the next source.
        }
      }
      try {
        return clean(InetAddress.getLocalHost().getHostName());
      } catch (IOException e) {
        return "unknown-host";
      }
    }

    /** One word, lower case: the owner's format separates its parts with spaces. */
    private static String clean(String name) {
      String word = name.strip().replaceAll("\\s+", "-").toLowerCase(Locale.ROOT);
      return word.isEmpty() ? "unknown-host" : word;
    }
  }
}
