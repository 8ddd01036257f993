package io.kb4sync.app.config;

import io.kb4sync.app.schedule.Schedule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * A {@code schedule} section, of {@code defaults} or of a company (docs/configuration.md): each key
 * null when not set. A company's keys replace the defaults' per key.
 *
 * @param sync a schedule line for the daily sync
 * @param audit a schedule line for the weekly audit
 * @param timeZone an IANA time zone, e.g. {@code Europe/London}
 */
public record ScheduleConfig(String sync, String audit, String timeZone) {
  public static final List<String> KEYS = List.of("sync", "audit", "time_zone");
  public static final String DEFAULT_SYNC = "@daily";
  public static final String DEFAULT_AUDIT = "@weekly";
  public static final String DEFAULT_TIME_ZONE = "UTC";

  public static ScheduleConfig none() {
    return new ScheduleConfig(null, null, null);
  }

  /** These keys where set, else {@code lower}'s. */
  public ScheduleConfig over(ScheduleConfig lower) {
    return new ScheduleConfig(
        sync != null ? sync : lower.sync,
        audit != null ? audit : lower.audit,
        timeZone != null ? timeZone : lower.timeZone);
  }

  /** Every key set: this one's, else the built-in default. */
  public ScheduleConfig effective() {
    return new ScheduleConfig(
        sync != null ? sync : DEFAULT_SYNC,
        audit != null ? audit : DEFAULT_AUDIT,
        timeZone != null ? timeZone : DEFAULT_TIME_ZONE);
  }

  /** The effective time zone. */
  public ZoneId zone() {
    return ZoneId.of(effective().timeZone());
  }

  /** The effective sync schedule of the company. */
  public Schedule syncSchedule(String companyId) {
    ScheduleConfig e = effective();
    return Schedule.parse(e.sync(), e.zone(), companyId);
  }

  /** The effective audit schedule of the company. */
  public Schedule auditSchedule(String companyId) {
    ScheduleConfig e = effective();
    return Schedule.parse(e.audit(), e.zone(), companyId);
  }

  static ScheduleConfig read(ConfigNode node) {
    if (node.isMissing()) {
      return none();
    }
    node.onlyKeys(KEYS);
    ScheduleConfig read =
        new ScheduleConfig(node.string("sync"), node.string("audit"), node.string("time_zone"));
    if (read.timeZone() != null) {
      try {
        ZoneId.of(read.timeZone().trim());
      } catch (DateTimeException e) {
        throw node.problem(
            "time_zone",
            "\"" + read.timeZone() + "\" is not a time zone; use an IANA name like Europe/London");
      }
    }
    for (String key : List.of("sync", "audit")) {
      String line = key.equals("sync") ? read.sync() : read.audit();
      if (line != null) {
        try {
          Schedule.parse(line, ZoneId.of("UTC"), "validation");
        } catch (IllegalArgumentException e) {
          throw node.problem(key, e.getMessage());
        }
      }
    }
    return read;
  }
}
