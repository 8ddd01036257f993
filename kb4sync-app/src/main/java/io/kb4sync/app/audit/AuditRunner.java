package io.kb4sync.app.audit;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.Messages;
import io.kb4sync.app.PerCompany;
import io.kb4sync.app.Precedence;
import io.kb4sync.app.ProgressPrinter;
import io.kb4sync.app.SyncInputs;
import io.kb4sync.app.Tenants;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.history.RecordedRun;
import io.kb4sync.app.history.RunHistory;
import io.kb4sync.app.history.RunSpool;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.AuditRun;
import io.kb4sync.core.audit.AuditService;
import io.kb4sync.core.audit.Auditor;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.notify.AuditNotifications;
import io.kb4sync.notify.NotificationPolicy;
import io.kb4sync.notify.NotificationSettings;
import io.kb4sync.notify.Notifications;
import io.kb4sync.notify.NotifierFactory;
import io.kb4sync.store.RunOwner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Audits one company or several, bounded in parallel ({@code parallel_companies}); one company's
 * failure never stops the others. Each audit reads what a sync reads and writes nothing to
 * Microsoft 365 or KnowBe4; it is recorded in the state store's history (kind {@code audit}, no
 * link stored) and notified per the company's notification policy.
 */
public final class AuditRunner {
  private final Connectors connectors;
  private final Clock clock;
  private final PrintStream err;

  public AuditRunner(Connectors connectors, Clock clock, PrintStream err) {
    this.connectors = connectors;
    this.clock = clock;
    this.err = err;
  }

  /**
   * @param inputs the command's options as one readable line, for the run history
   */
  public List<AuditReport> run(Config config, List<CompanyConfig> companies, String inputs) {
    NotificationSettings settings =
        config.notifications() == null ? NotificationSettings.none() : config.notifications();
    Notifications notifications =
        new Notifications(NotifierFactory.channels(settings, clock, null));
    try (StateStore store = connectors.store(config)) {
      List<CompanyConfig> resolved = Tenants.resolve(config, companies, null, store);
      RunHistory.beforeRuns(store, config, clock, err);
      return PerCompany.run(
          config.parallelCompanies(),
          resolved,
          company -> one(config, company, inputs, store, notifications),
          (company, reason) ->
              Auditor.failed(context(config, company), clock.instant(), "audit", reason));
    }
  }

  private AuditReport one(
      Config config,
      CompanyConfig company,
      String inputs,
      StateStore store,
      Notifications notifications) {
    SyncOptions options = Precedence.options(config, company, SyncInputs.none());
    Company context = context(config, company);
    Instant started = clock.instant();
    RecordedRun recorded =
        RecordedRun.start(
            store,
            RunSpool.beside(config.file()),
            err,
            RunRecord.start(
                company.companyId(),
                RunRecord.AUDIT,
                false,
                started,
                RunRecord.TRIGGER_CLI,
                RunOwner.current(),
                inputs));
    AuditReport audit;
    Instant finished;
    try {
      AuditRun run =
          new AuditService(store, clock, new ProgressPrinter(err, clock))
              .run(
                  context,
                  options,
                  connectors.directory(company),
                  connectors.platform(company, store));
      audit = run.report();
      finished = run.finishedAt();
    } catch (RuntimeException e) {
      audit = Auditor.failed(context, started, "audit", Messages.describe(e));
      finished = clock.instant();
    }
    try {
      audit = notify(config, company, audit, notifications);
    } catch (RuntimeException e) {
      audit = audit.withWarnings(List.of("notification failed: " + Messages.describe(e)));
    }
    recorded.finish(audit.outcome(), finished, JsonDocuments.write(audit));
    return audit;
  }

  /** Sends the audit as the company's policy says; a failed channel becomes a warning. */
  private AuditReport notify(
      Config config, CompanyConfig company, AuditReport audit, Notifications notifications) {
    if (notifications.isEmpty()) {
      return audit;
    }
    NotificationSettings settings = config.notifications();
    NotificationPolicy policy = Precedence.notificationPolicy(config, company);
    if (!AuditNotifications.shouldNotify(policy, audit)) {
      return audit;
    }
    List<String> recipients = Precedence.recipients(config, company);
    Notification notification =
        AuditNotifications.compose(
            audit, recipients, settings.effectiveListLimit(), JsonDocuments.write(audit));
    List<String> warnings = Notifications.warnings(notifications.send(notification));
    return warnings.isEmpty() ? audit : audit.withWarnings(warnings);
  }

  private static Company context(Config config, CompanyConfig company) {
    return new Company(company.companyId(), company.name(), config.file().toString());
  }
}
