package io.kb4sync.app.config;

import io.kb4sync.http.Transport;
import io.kb4sync.notify.NotificationSettings;
import io.kb4sync.psa.PsaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file, validated.
 *
 * @param file the file it was read from
 * @param state the state store location: {@code sqlite:PATH} or a PostgreSQL URL; null for the
 *     default SQLite file under {@code ~/.kb4sync/}
 * @param notifications the {@code notifications} section (docs/notifications.md), or null for none
 * @param psa the {@code psa} section (docs/notifications.md), or null for no tickets
 * @param historyDays runs that started longer ago than this are pruned from the history
 *     (docs/history.md)
 * @param defaultSchedule {@code defaults.schedule}: each key null when not set
 * @param server the {@code server} section ({@code kb4sync serve})
 * @param httpDeadline {@code http_deadline}: the longest one HTTP answer may take, status to last
 *     byte, for every outside system
 */
public record Config(
    Path file,
    String state,
    Variables defaults,
    List<CompanyConfig> companies,
    int parallelCompanies,
    NotificationSettings notifications,
    PsaSettings psa,
    int historyDays,
    ScheduleConfig defaultSchedule,
    ServerSettings server,
    Duration httpDeadline) {

  public static final int DEFAULT_PARALLEL_COMPANIES = 4;

  /** How long the run history is kept when {@code history_days} is not set. */
  public static final int DEFAULT_HISTORY_DAYS = 400;

  /** The longest {@code history_days} accepted: a hundred years. */
  public static final int MAX_HISTORY_DAYS = 36_500;

  /** {@code http_deadline} when not set: {@link Transport#DEFAULT_DEADLINE}, 120 s. */
  public static final Duration DEFAULT_HTTP_DEADLINE = Transport.DEFAULT_DEADLINE;

  /** The longest {@code http_deadline} accepted, in seconds: an hour. */
  public static final int MAX_HTTP_DEADLINE_SECONDS = 3_600;

  public Config {
    companies = List.copyOf(companies);
    defaultSchedule = defaultSchedule == null ? ScheduleConfig.none() : defaultSchedule;
    server = server == null ? ServerSettings.none() : server;
    httpDeadline = httpDeadline == null ? DEFAULT_HTTP_DEADLINE : httpDeadline;
  }

  /** The company's schedule: its own keys, else the defaults', else the built-in ones. */
  public ScheduleConfig schedule(CompanyConfig company) {
    return company.schedule().over(defaultSchedule).effective();
  }

  public Optional<CompanyConfig> company(String companyId) {
    return companies.stream().filter(c -> c.companyId().equals(companyId)).findFirst();
  }

  /** The folder of the configuration file: relative paths in it are relative to this. */
  public Path folder() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }
}
