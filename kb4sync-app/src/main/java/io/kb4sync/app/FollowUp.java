package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.notify.Ticketing;
import io.kb4sync.core.report.Report;
import io.kb4sync.notify.NotificationPolicy;
import io.kb4sync.notify.NotificationSettings;
import io.kb4sync.notify.Notifications;
import io.kb4sync.notify.NotifierFactory;
import io.kb4sync.notify.ReportNotifications;
import io.kb4sync.psa.TicketPolicy;
import io.kb4sync.psa.TicketingFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What follows a company's run: the notification (per the company's policy) and the PSA ticket (per
 * {@code psa.when}). A failing channel or PSA never fails the run: it becomes a warning in the
 * report, and so in the run history.
 */
public final class FollowUp {
  private final Config config;
  private final Notifications notifications;
  private final Optional<Ticketing> ticketing;

  private FollowUp(Config config, Notifications notifications, Optional<Ticketing> ticketing) {
    this.config = config;
    this.notifications = notifications;
    this.ticketing = ticketing;
  }

  public static FollowUp of(Config config, TicketMemory memory, Clock clock) {
    NotificationSettings settings =
        config.notifications() == null ? NotificationSettings.none() : config.notifications();
    Notifications notifications =
        new Notifications(NotifierFactory.channels(settings, clock, null, config.httpDeadline()));
    Optional<Ticketing> ticketing =
        config.psa() == null
            ? Optional.empty()
            : TicketingFactory.create(config.psa(), memory, clock, config.httpDeadline());
    return new FollowUp(config, notifications, ticketing);
  }

  /** Notifies and tickets as configured; returns the report with any failure added to warnings. */
  public Report apply(CompanyConfig company, Report report) {
    return apply(company, report, true);
  }

  /**
   * @param notify false to leave out this run's notification (service mode: repeated failures, the
   *     daily digest); the ticket is raised all the same
   */
  public Report apply(CompanyConfig company, Report report, boolean notify) {
    List<String> warnings = new ArrayList<>();
    NotificationSettings settings =
        config.notifications() == null ? NotificationSettings.none() : config.notifications();
    NotificationPolicy policy = Precedence.notificationPolicy(config, company);
    if (notify && !notifications.isEmpty() && policy.shouldNotify(report)) {
      List<String> recipients = Precedence.recipients(config, company);
      Notification notification =
          ReportNotifications.compose(
              report, recipients, settings.effectiveListLimit(), JsonDocuments.write(report));
      warnings.addAll(Notifications.warnings(notifications.send(notification)));
    }
    if (ticketing.isPresent()) {
      TicketPolicy policyOfTickets = config.psa().policy();
      Optional<TicketRequest> request = policyOfTickets.ticketFor(report);
      if (request.isPresent()) {
        Ticketing psa = ticketing.get();
        try {
          psa.raise(request.get());
        } catch (RuntimeException e) {
          warnings.add("ticket via " + psa.name() + " failed: " + Messages.describe(e));
        }
      }
    }
    return warnings.isEmpty() ? report : report.withWarnings(warnings);
  }
}
