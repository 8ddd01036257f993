package io.kb4sync.http;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date in any of
 * the three forms a recipient must accept (§5.6.7): IMF-fixdate {@code Sun, 06 Nov 1994 08:49:37
 * GMT}, the obsolete RFC 850 form {@code Sunday, 06-Nov-94 08:49:37 GMT} and ANSI C's asctime form
 * {@code Sun Nov 6 08:49:37 1994}.
 */
public final class RetryAfter {
  /** Longer asks are read as this: about 317 years, far beyond any budget, safe to add up. */
  static final Duration LONGEST = Duration.ofSeconds(10_000_000_000L);

  /** IMF-fixdate; a one-digit day too, as RFC 1123 wrote it and Java's own formatter sends it. */
  private static final DateTimeFormatter IMF_FIXDATE = strict("EEE, d MMM uuuu HH:mm:ss 'GMT'");

  private static final Pattern RFC_850 =
      Pattern.compile("(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (.*) GMT");
  private static final DateTimeFormatter RFC_850_DATE = strict("dd-MMM-uu HH:mm:ss");
  private static final DateTimeFormatter ASCTIME = strict("EEE MMM ppd HH:mm:ss uuuu");

  private RetryAfter() {}

  /**
   * The wait a {@code Retry-After} value asks for, counted from {@code now}; zero for a date in the
   * past; empty when absent or not one of the RFC 9110 forms (a negative or signed number, a
   * malformed date), so the caller's own backoff applies.
   */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.trim();
    if (text.matches("[0-9]+")) {
      String digits = text.replaceFirst("^0+(?=.)", "");
      return Optional.of(
          digits.length() > 11 ? LONGEST : min(Duration.ofSeconds(Long.parseLong(digits))));
    }
    return date(text, now).map(at -> Duration.between(now, at)).map(RetryAfter::notNegative);
  }

  private static Optional<Instant> date(String text, Instant now) {
    try {
      return Optional.of(LocalDateTime.parse(text, IMF_FIXDATE).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notImf) {
      // try the obsolete forms
    }
    Matcher rfc850 = RFC_850.matcher(text);
    if (rfc850.matches()) {
      try {
        LocalDateTime at = LocalDateTime.parse(rfc850.group(2), RFC_850_DATE);
        // A two-digit year more than 50 years ahead is the most recent past year so spelt (§5.6.7).
        if (at.isAfter(LocalDateTime.ofInstant(now, ZoneOffset.UTC).plusYears(50))) {
          at = at.minusYears(100);
        }
        boolean sameDay =
            at.getDayOfWeek() == DayOfWeek.valueOf(rfc850.group(1).toUpperCase(Locale.ROOT));
        return sameDay ? Optional.of(at.toInstant(ZoneOffset.UTC)) : Optional.empty();
      } catch (DateTimeParseException notRfc850) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(LocalDateTime.parse(text, ASCTIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notAsctime) {
      return Optional.empty();
    }
  }

  private static Duration notNegative(Duration wait) {
    return wait.isNegative() ? Duration.ZERO : min(wait);
  }

  private static Duration min(Duration wait) {
    return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
  }

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.US).withResolverStyle(ResolverStyle.STRICT);
  }
}
