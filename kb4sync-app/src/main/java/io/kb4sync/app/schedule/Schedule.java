package io.kb4sync.app.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When one kind of run of one company is due (docs/service.md): a 5-field cron line, {@code
 * @hourly}/{@code @daily}/{@code @weekly} at the company's own offset, an interval counted from the
 * end of the previous run, or {@code off}. Pure: {@link #next} depends on its arguments only.
 */
public sealed interface Schedule {

  /** The shortest interval accepted. */
  Duration MIN_INTERVAL = Duration.ofMinutes(1);

  /**
   * Test-only: environment variable that lowers {@link #MIN_INTERVAL} (e.g. {@code 1s}) so that
   * end-to-end tests of the service can watch several cycles in seconds. Never set in production.
   */
  String TEST_MIN_INTERVAL = "KB4SYNC_TEST_MIN_INTERVAL";

  /** The line as configured ({@code off} when not scheduled). */
  String text();

  /**
   * The next due time.
   *
   * @param after now: a cron line's next time is strictly after it
   * @param lastEnd when the company's previous run of this kind ended; null when it never ran
   * @return null when {@code off}; may be before {@code after} (an interval whose time passed while
   *     no node was up: one catch-up run, at once)
   */
  Instant next(Instant after, Instant lastEnd);

  /** Cron lines, and nicknames once placed at the company's offset. */
  record CronLine(String text, String effective, ZoneId zone, Cron cron) implements Schedule {
    @Override
    public Instant next(Instant after, Instant lastEnd) {
      return cron.next(after, zone);
    }
  }

  /** Every {@code every}, from the end of the previous run; the first run at once. */
  record Interval(String text, Duration every) implements Schedule {
    @Override
    public Instant next(Instant after, Instant lastEnd) {
      return lastEnd == null ? after : lastEnd.plus(every);
    }
  }

  /** Not scheduled. */
  record Off(String text) implements Schedule {
    @Override
    public Instant next(Instant after, Instant lastEnd) {
      return null;
    }
  }

  Pattern INTERVAL = Pattern.compile("(\\d{1,9})([smhd])");

  /**
   * Reads a schedule line.
   *
   * @param companyId places {@code @hourly}, {@code @daily} and {@code @weekly} at this company's
   *     offset
   * @throws IllegalArgumentException saying what is wrong, in one line
   */
  static Schedule parse(String text, ZoneId zone, String companyId) {
    Objects.requireNonNull(text, "text");
    String line = text.trim();
    String lower = line.toLowerCase(Locale.ROOT);
    if (lower.equals("off")) {
      return new Off("off");
    }
    Matcher interval = INTERVAL.matcher(lower);
    if (interval.matches()) {
      Duration every = duration(Long.parseLong(interval.group(1)), interval.group(2));
      if (every.compareTo(minInterval()) < 0) {
        throw new IllegalArgumentException("an interval is at least 1m, found \"" + line + "\"");
      }
      return new Interval(line, every);
    }
    if (lower.startsWith("@")) {
      int[] offset = offset(companyId);
      String effective =
          switch (lower) {
            case "@hourly" -> offset[0] + " * * * *";
            case "@daily" -> offset[0] + " 0 * * *";
            case "@weekly" -> offset[1] + " " + offset[2] + " * * 0";
            default ->
                throw new IllegalArgumentException(
                    "\"" + line + "\" is not a schedule: use @hourly, @daily or @weekly");
          };
      return new CronLine(line, effective, zone, Cron.parse(effective));
    }
    if (lower.matches(".*\\d+[smhd]$") && !lower.contains(" ")) {
      throw new IllegalArgumentException("\"" + line + "\" is not an interval like 15m, 6h or 1d");
    }
    try {
      return new CronLine(line, line, zone, Cron.parse(line));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\""
              + line
              + "\" is not a schedule ("
              + e.getMessage()
              + "); use a 5-field cron line, @hourly, @daily, @weekly, an interval like 15m, or"
              + " off");
    }
  }

  /** {@link #MIN_INTERVAL}, or the test-only {@value #TEST_MIN_INTERVAL} when set. */
  private static Duration minInterval() {
    String test = System.getenv(TEST_MIN_INTERVAL);
    if (test != null && !test.isBlank()) {
      return parseDuration(test);
    }
    return MIN_INTERVAL;
  }

  /**
   * A duration like {@code 30s}, {@code 5m}, {@code 12h}, {@code 1d}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static Duration parseDuration(String text) {
    Matcher m = INTERVAL.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration like 30s, 5m, 12h or 1d");
    }
    return duration(Long.parseLong(m.group(1)), m.group(2));
  }

  private static Duration duration(long amount, String unit) {
    return switch (unit) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /**
   * The company's stable offset from SHA-256 of its id: the minute of {@code @hourly} and {@code
   * @daily}; the minute (half an hour away from the other one, so that a company's nickname sync
   * and audit never fall in the same minute) and the hour of {@code @weekly}.
   */
  static int[] offset(String companyId) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Objects.requireNonNull(companyId).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    int minute = Byte.toUnsignedInt(digest[0]) % 60;
    int hour = Byte.toUnsignedInt(digest[1]) % 24;
    return new int[] {minute, (minute + 30) % 60, hour};
  }
}
