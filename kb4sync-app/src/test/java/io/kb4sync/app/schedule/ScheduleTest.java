package io.kb4sync.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  @ParameterizedTest(name = "{0} after {1} in {2} is {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 2 * * *          | 2026-11-20T01:59:00Z | UTC              | 2026-11-20T02:00:00Z
          0 2 * * *          | 2026-11-20T02:00:00Z | UTC              | 2026-11-21T02:00:00Z
          0 2 * * *          | 2026-11-20T02:00:30Z | UTC              | 2026-11-21T02:00:00Z
          0 2 * * *          | 2026-11-20T12:00:00Z | Europe/London    | 2026-11-21T02:00:00Z
          0 2 * * *          | 2026-07-20T12:00:00Z | Europe/London    | 2026-07-21T01:00:00Z
          0 6 * * 1          | 2026-11-20T12:00:00Z | UTC              | 2026-11-23T06:00:00Z
          0 6 * * mon        | 2026-11-20T12:00:00Z | UTC              | 2026-11-23T06:00:00Z
          0 6 * * 7          | 2026-11-20T12:00:00Z | UTC              | 2026-11-22T06:00:00Z
          0 6 * * 0          | 2026-11-20T12:00:00Z | UTC              | 2026-11-22T06:00:00Z
          */15 * * * *       | 2026-11-20T12:07:00Z | UTC              | 2026-11-20T12:15:00Z
          5-10/5 9 * * *     | 2026-11-20T09:06:00Z | UTC              | 2026-11-20T09:10:00Z
          0 0 1,15 * *       | 2026-11-02T00:00:00Z | UTC              | 2026-11-15T00:00:00Z
          0 0 1 jan *        | 2026-11-02T00:00:00Z | UTC              | 2027-01-01T00:00:00Z
          0 0 29 2 *         | 2026-03-01T00:00:00Z | UTC              | 2028-02-29T00:00:00Z
          0 0 13 * 5         | 2026-11-01T00:00:00Z | UTC              | 2026-11-06T00:00:00Z
          0 0 13 * 5         | 2026-11-06T00:00:00Z | UTC              | 2026-11-13T00:00:00Z
          0 0 13 * *         | 2026-11-01T00:00:00Z | UTC              | 2026-11-13T00:00:00Z
          0 0 * * 5          | 2026-11-01T00:00:00Z | UTC              | 2026-11-06T00:00:00Z
          0 0 */2 * 5        | 2026-11-01T00:00:00Z | UTC              | 2026-11-13T00:00:00Z
          30 1 * * *         | 2026-03-29T00:00:00Z | Europe/London    | 2026-03-29T01:30:00Z
          30 1 * * *         | 2026-03-28T12:00:00Z | Europe/London    | 2026-03-29T01:30:00Z
          30 2 * * *         | 2026-03-08T00:00:00Z | America/New_York | 2026-03-08T07:30:00Z
          30 1 * * *         | 2026-11-01T00:00:00Z | America/New_York | 2026-11-01T05:30:00Z
          """)
  void a_cron_line_runs_at_its_next_wall_clock_time_in_its_time_zone(
      String line, String after, String zone, String expected) {
    Schedule schedule = Schedule.parse(line, ZoneId.of(zone), "1001");
    assertThat(schedule.next(Instant.parse(after), null)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void nicknames_run_at_a_stable_per_company_offset_and_explicit_lines_are_never_shifted() {
    Instant after = Instant.parse("2026-11-20T12:00:00Z");
    int[] offset = Schedule.offset("1001");
    Instant hourly = Schedule.parse("@hourly", UTC, "1001").next(after, null);
    Instant daily = Schedule.parse("@daily", UTC, "1001").next(after, null);
    Instant weekly = Schedule.parse("@weekly", UTC, "1001").next(after, null);

    assertThat(hourly.atZone(UTC).getMinute()).isEqualTo(offset[0]);
    assertThat(Duration.between(after, hourly)).isLessThanOrEqualTo(Duration.ofHours(1));
    assertThat(daily.atZone(UTC).getHour()).isZero();
    assertThat(daily.atZone(UTC).getMinute()).isEqualTo(offset[0]);
    assertThat(weekly.atZone(UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
    assertThat(weekly.atZone(UTC).getHour()).isEqualTo(offset[2]);
    assertThat(weekly.atZone(UTC).getMinute()).isEqualTo(offset[1]).isNotEqualTo(offset[0]);
    assertThat(Schedule.parse("@daily", UTC, "1001").next(after, null)).isEqualTo(daily);
    assertThat(Schedule.parse("0 0 * * *", UTC, "1001").next(after, null))
        .isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
  }

  @Test
  void five_hundred_companies_do_not_all_start_in_the_same_minute() {
    java.util.Set<Integer> minutes = new java.util.HashSet<>();
    for (int i = 0; i < 500; i++) {
      minutes.add(Schedule.offset("company-" + i)[0]);
    }
    assertThat(minutes).hasSizeGreaterThan(50);
  }

  @ParameterizedTest(name = "{0} after a run that ended at {1} is due at {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          15m | 2026-11-20T12:00:00Z | 2026-11-20T12:15:00Z
          6h  | 2026-11-20T12:00:00Z | 2026-11-20T18:00:00Z
          1d  | 2026-11-20T12:00:00Z | 2026-11-21T12:00:00Z
          90s | 2026-11-20T12:00:00Z | 2026-11-20T12:01:30Z
          1m  | 2026-11-20T12:00:00Z | 2026-11-20T12:01:00Z
          """)
  void an_interval_counts_from_the_end_of_the_previous_run(
      String line, String lastEnd, String expected) {
    Schedule schedule = Schedule.parse(line, UTC, "1001");
    assertThat(schedule.next(Instant.parse("2026-11-20T12:00:05Z"), Instant.parse(lastEnd)))
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void an_interval_never_run_is_due_at_once_and_one_missed_while_down_is_due_once_in_the_past() {
    Schedule every15m = Schedule.parse("15m", UTC, "1001");
    Instant now = Instant.parse("2026-11-20T12:00:00Z");
    assertThat(every15m.next(now, null)).isEqualTo(now);
    assertThat(every15m.next(now, now.minus(Duration.ofDays(3))))
        .isEqualTo(now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(15)));
  }

  @Test
  void off_is_never_due() {
    assertThat(Schedule.parse("off", UTC, "1001").next(Instant.now(), null)).isNull();
    assertThat(Schedule.parse("OFF", UTC, "1001").text()).isEqualTo("off");
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          30s             | at least 1m
          0s              | at least 1m
          15 minutes      | not a schedule
          0 2 * *         | 5 fields
          0 2 * * * *     | 5 fields
          60 2 * * *      | minute field: 60 is outside 0-59
          0 24 * * *      | hour field: 24 is outside 0-23
          0 0 0 * *       | day-of-month field: 0 is outside 1-31
          0 0 * 13 *      | month field: 13 is outside 1-12
          0 0 * * 8       | day-of-week field: 8 is outside 0-7
          0 0 * * mon-sun | runs backwards
          0 0 * * x       | is not a number
          @monthly        | use @hourly, @daily or @weekly
          0 0 ,1 * *      | empty item
          """)
  void a_bad_line_is_refused_in_one_line_saying_why(String line, String problem) {
    assertThatThrownBy(() -> Schedule.parse(line, UTC, "1001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
