package io.kb4sync.app.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A 5-field cron line as crontab(5) reads it: minute, hour, day of month, month, day of week; each
 * field {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a list
 * of these; months and days may be named ({@code jan}, {@code mon}); day of week 0 and 7 are
 * Sunday. When both day fields are restricted (neither starts with {@code *}), a day matching
 * either one matches. Times are wall-clock times in a time zone: a time that a daylight-saving
 * change skips runs at the first instant after the gap; a time that occurs twice runs once, at the
 * first.
 */
final class Cron {
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  /** Longer than any gap between two matching days (29 February of a leap year, 2096 → 2104). */
  private static final int SEARCH_DAYS = 366 * 9;

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private Cron(
      BitSet minutes,
      BitSet hours,
      BitSet daysOfMonth,
      BitSet months,
      BitSet daysOfWeek,
      boolean domRestricted,
      boolean dowRestricted) {
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.domRestricted = domRestricted;
    this.dowRestricted = dowRestricted;
  }

  /**
   * @throws IllegalArgumentException naming the field and what is wrong
   */
  static Cron parse(String line) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "a cron line has 5 fields (minute hour day-of-month month day-of-week), found "
              + fields.length);
    }
    BitSet dow = field(fields[4], "day-of-week", 0, 7, DAYS);
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    return new Cron(
        field(fields[0], "minute", 0, 59, null),
        field(fields[1], "hour", 0, 23, null),
        field(fields[2], "day-of-month", 1, 31, null),
        field(fields[3], "month", 1, 12, MONTHS),
        dow,
        !fields[2].startsWith("*"),
        !fields[4].startsWith("*"));
  }

  private static BitSet field(String text, String name, int min, int max, List<String> names) {
    BitSet set = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(name + " field \"" + text + "\" has an empty item");
      }
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), name, 1, max, null);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw new IllegalArgumentException(name + " field: bad range \"" + range + "\"");
        }
        from = number(ends[0], name, min, max, names);
        to = number(ends[1], name, min, max, names);
        if (from > to) {
          throw new IllegalArgumentException(
              name + " field: range \"" + range + "\" runs backwards");
        }
      } else {
        from = number(range, name, min, max, names);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String text, String name, int min, int max, List<String> names) {
    if (names != null) {
      int index = names.indexOf(text.toLowerCase(Locale.ROOT));
      if (index >= 0) {
        return names.size() == 12 ? index + 1 : index;
      }
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " field: \"" + text + "\" is not a number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " field: " + value + " is outside " + min + "-" + max);
    }
    return value;
  }

  /** The first matching time strictly after {@code after}, in {@code zone}; null when none. */
  Instant next(Instant after, ZoneId zone) {
    LocalDateTime start =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          LocalDateTime local = LocalDateTime.of(day, LocalTime.of(h, m));
          if (local.isBefore(start)) {
            continue;
          }
          Instant instant = ZonedDateTime.ofLocal(local, zone, null).toInstant();
          if (instant.isAfter(after)) {
            return instant;
          }
        }
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    DayOfWeek weekday = day.getDayOfWeek();
    boolean dow = daysOfWeek.get(weekday.getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }
}
