package io.kb4sync.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Precedence;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.run.RunObserver;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.CompanyRead;
import io.kb4sync.notify.NotificationSettings;
import io.kb4sync.notify.Notifications;
import io.kb4sync.notify.NotifierFactory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeated failures: counts each company's consecutive failed runs from the history (so every node
 * of a cluster counts the same), and when a run makes it {@value #NOTICE_AFTER}, sends one
 * notification saying so — once, not one a night: the next notice needs a run that did not fail
 * first. Skipped, abandoned and open runs, and runs stopped by the node's own stop while they read,
 * neither count nor break a series.
 */
final class Failures implements RunObserver {
  static final int NOTICE_AFTER = 3;

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private final StateStore store;
  private final Supplier<Config> config;
  private final Clock clock;
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();

  Failures(StateStore store, Supplier<Config> config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  /** Consecutive failed runs of each company, as last seen. */
  Map<String, Integer> failing() {
    return Map.copyOf(failing);
  }

  @Override
  public void ended(RunRecord run, Object document) {
    if (run.status() == RunStatus.SKIPPED || stoppedBeforeWriting(run)) {
      return;
    }
    int count = consecutiveFailures(run.companyId());
    failing.put(run.companyId(), count);
    if (run.status() == RunStatus.FAILED && count == NOTICE_AFTER) {
      notice(run);
    }
  }

  /**
   * The company's failed runs since its newest run that did not fail, read a few runs at a time
   * (runs come with their reports: the usual answer needs the first page only); at most {@value
   * #MOST_COUNTED}.
   */
  int consecutiveFailures(String companyId) {
    int count = 0;
    String before = null;
    for (int read = 0; read < MOST_COUNTED; ) {
      List<RunRecord> page = store.runs(new RunQuery(companyId, null, PAGE, before));
      for (RunRecord r : page) {
        if (r.status() == RunStatus.FINISHED) {
          return count;
        }
        if (r.status() == RunStatus.FAILED && !stoppedBeforeWriting(r)) {
          count++;
        }
      }
      if (page.size() < PAGE) {
        return count;
      }
      read += page.size();
      before = page.get(page.size() - 1).runId();
    }
    return count;
  }

  /**
   * A run the node's own stop (SIGTERM, a restart) ended while it read: it says nothing about the
   * company, so it neither counts nor breaks a series.
   */
  static boolean stoppedBeforeWriting(RunRecord run) {
    if (run.status() != RunStatus.FAILED || run.reportJson() == null) {
      return false;
    }
    try {
      return CompanyRead.STOP.equals(
          JSON.readTree(run.reportJson()).at("/errors/0/operation").asText(null));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int PAGE = 3;
  private static final int MOST_COUNTED = 60;

  private void notice(RunRecord run) {
    Config current = config.get();
    NotificationSettings settings = current.notifications();
    if (settings == null) {
      return;
    }
    Notifications channels =
        new Notifications(NotifierFactory.channels(settings, clock, null, current.httpDeadline()));
    if (channels.isEmpty()) {
      return;
    }
    CompanyConfig company = current.company(run.companyId()).orElse(null);
    String name = company == null ? run.companyId() : company.displayName();
    List<String> recipients = company == null ? List.of() : Precedence.recipients(current, company);
    Notification notification =
        new Notification(
            run.companyId(),
            name,
            run.kind(),
            Notification.Severity.FAILURE,
            "KnowBe4 sync: " + name + " has failed " + NOTICE_AFTER + " runs in a row",
            List.of(
                new Notification.Fact("Consecutive failed runs", String.valueOf(NOTICE_AFTER)),
                new Notification.Fact("Last run", run.runId() + " (" + run.kind() + ")")),
            List.of(
                new Notification.Section(
                    "What to do",
                    List.of(
                        "Look at the company's last runs (kb4sync runs --company "
                            + run.companyId()
                            + ", or the API) and fix the cause; no further notice is sent until"
                            + " a run succeeds."),
                    0)),
            null,
            run.reportJson(),
            recipients);
    List<String> warnings = Notifications.warnings(channels.send(notification));
    if (!warnings.isEmpty()) {
      LOG.warn("repeated-failure notice for company {}: {}", run.companyId(), warnings);
    }
  }
}
