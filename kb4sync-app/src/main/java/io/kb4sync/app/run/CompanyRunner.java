package io.kb4sync.app.run;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.FollowUp;
import io.kb4sync.app.Messages;
import io.kb4sync.app.Precedence;
import io.kb4sync.app.ProgressPrinter;
import io.kb4sync.app.SyncInputs;
import io.kb4sync.app.Tenants;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.history.RecordedRun;
import io.kb4sync.app.history.RunSpool;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.AuditRun;
import io.kb4sync.core.audit.AuditService;
import io.kb4sync.core.audit.Auditor;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.report.Reports;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.CompanyRead;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.core.sync.SyncResult;
import io.kb4sync.core.sync.SyncService;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.knowbe4.KnowBe4Platform;
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
import java.util.Objects;

/**
 * The one way a company's run goes, whoever starts it (the command line, the schedule, the API):
 * recorded in the history from its first second (or taken from {@code queued} to {@code running}),
 * run by {@link SyncService} or {@link AuditService}, followed up (notifications, PSA ticket),
 * ended with its outcome and the JSON document the CLI prints. A scheduled run that finds the
 * company locked is recorded {@code skipped}. Thread-safe: one instance serves every run of a
 * configuration.
 */
public final class CompanyRunner {

  /**
   * Who started a run and whether it waited in the history as {@code queued}.
   *
   * @param trigger {@code cli}, {@code schedule}, {@code api:<name>} or {@code ui:<name>}
   * @param queuedRunId the queued run this is, or null for a run recorded as it starts
   */
  public record Start(String trigger, String queuedRunId) {
    public Start {
      Objects.requireNonNull(trigger, "trigger");
    }

    public static Start of(String trigger) {
      return new Start(trigger, null);
    }

    public static Start queued(String runId, String trigger) {
      return new Start(trigger, Objects.requireNonNull(runId, "runId"));
    }
  }

  /**
   * A run as it ended.
   *
   * @param status finished, failed or skipped; null when a queued run was no longer queued
   *     (cancelled, or started elsewhere) and so did not run
   * @param document the report or audit; null when it did not run or was skipped
   */
  public record Ran<T>(String runId, RunStatus status, T document) {}

  private final Config config;
  private final StateStore store;
  private final Connectors connectors;
  private final Clock clock;
  private final PrintStream err;
  private final StopSignal stop;
  private final RunObserver observer;
  private final NotifyGate gate;
  private final FollowUp followUp;
  private final Notifications auditChannels;

  public CompanyRunner(
      Config config,
      StateStore store,
      Connectors connectors,
      Clock clock,
      PrintStream err,
      StopSignal stop,
      RunObserver observer) {
    this(config, store, connectors, clock, err, stop, observer, NotifyGate.ALWAYS);
  }

  /**
   * @param gate whether a run's own notification goes out (service mode: not for the third and
   *     later failures in a row, nor with the daily digest)
   */
  public CompanyRunner(
      Config config,
      StateStore store,
      Connectors connectors,
      Clock clock,
      PrintStream err,
      StopSignal stop,
      RunObserver observer,
      NotifyGate gate) {
    this.gate = gate;
    this.config = config;
    this.store = store;
    this.connectors = connectors;
    this.clock = clock;
    this.err = err;
    this.stop = stop;
    this.observer = observer;
    this.followUp =
        FollowUp.of(
            config,
            store instanceof TicketMemory memory ? memory : io.kb4sync.app.NoTicketMemory.INSTANCE,
            clock);
    NotificationSettings settings =
        config.notifications() == null ? NotificationSettings.none() : config.notifications();
    this.auditChannels =
        new Notifications(NotifierFactory.channels(settings, clock, null, config.httpDeadline()));
  }

  public Config config() {
    return config;
  }

  /** One sync of one company. */
  public Ran<Report> sync(CompanyConfig configured, SyncInputs inputs, Start start) {
    CompanyConfig company = Precedence.company(configured, inputs);
    SyncOptions options = Precedence.options(config, company, inputs);
    Company who = context(company);
    Instant started = clock.instant();
    RecordedRun recorded =
        record(
            start,
            RunRecord.start(
                company.companyId(),
                RunRecord.SYNC,
                inputs.dryRun(),
                started,
                start.trigger(),
                RunOwner.current(),
                inputs.describe()));
    if (recorded == null) {
      return new Ran<>(start.queuedRunId(), null, null);
    }
    Report report;
    Instant finished;
    try {
      CompanyConfig signedIn = Tenants.resolve(config, company, inputs.tenant(), store);
      SyncResult result =
          new SyncService(store, clock, new ProgressPrinter(err, clock), stop)
              .run(
                  who,
                  options,
                  connectors.directory(config, signedIn),
                  connectors.platform(config, signedIn, store));
      report = result.report();
      finished = result.finishedAt();
    } catch (ConfigException e) {
      err.println("kb4sync: [" + company.companyId() + "] " + e.getMessage());
      report = Reports.configError(who, options.dryRun(), started, e.getMessage());
      finished = clock.instant();
    } catch (RuntimeException e) {
      report = Reports.failed(who, options.dryRun(), started, "sync", Messages.describe(e));
      finished = clock.instant();
    }
    if (skipped(
        start,
        report.outcome(),
        report.errors().isEmpty() ? null : report.errors().get(0).operation())) {
      return skip(recorded, company, RunRecord.SYNC, inputs.dryRun(), started, start);
    }
    if (!stoppedBeforeWriting(
        report.outcome(), report.errors().isEmpty() ? null : report.errors().get(0).operation())) {
      try {
        report =
            followUp.apply(
                company, report, gate.notify(company.companyId(), report.outcome().didNotRun()));
      } catch (RuntimeException e) {
        report =
            report.withWarnings(List.of("notification or ticket failed: " + Messages.describe(e)));
      }
    }
    String json = JsonDocuments.write(report);
    recorded.finish(report.outcome(), finished, json);
    ended(
        recorded,
        company,
        RunRecord.SYNC,
        inputs.dryRun(),
        started,
        start,
        report.outcome(),
        finished,
        json,
        report);
    return new Ran<>(recorded.runId(), report.outcome().status(), report);
  }

  /**
   * One audit of one company.
   *
   * @param inputs the command's options as one readable line, for the run history
   */
  public Ran<AuditReport> audit(CompanyConfig company, String inputs, Start start) {
    SyncOptions options = Precedence.options(config, company, SyncInputs.none());
    Company context = context(company);
    Instant started = clock.instant();
    RecordedRun recorded =
        record(
            start,
            RunRecord.start(
                company.companyId(),
                RunRecord.AUDIT,
                false,
                started,
                start.trigger(),
                RunOwner.current(),
                inputs));
    if (recorded == null) {
      return new Ran<>(start.queuedRunId(), null, null);
    }
    AuditReport audit;
    Instant finished;
    try {
      CompanyConfig signedIn = Tenants.resolve(config, company, null, store);
      AuditRun run =
          new AuditService(store, clock, new ProgressPrinter(err, clock), stop)
              .run(
                  context,
                  options,
                  connectors.directory(config, signedIn),
                  forAudit(connectors.platform(config, signedIn, store)));
      audit = run.report();
      finished = run.finishedAt();
    } catch (ConfigException e) {
      err.println("kb4sync: [" + company.companyId() + "] " + e.getMessage());
      audit = Auditor.configError(context, started, e.getMessage());
      finished = clock.instant();
    } catch (RuntimeException e) {
      audit = Auditor.failed(context, started, "audit", Messages.describe(e));
      finished = clock.instant();
    }
    if (skipped(
        start,
        audit.outcome(),
        audit.errors().isEmpty() ? null : audit.errors().get(0).operation())) {
      return skip(recorded, company, RunRecord.AUDIT, false, started, start);
    }
    try {
      if (!stoppedBeforeWriting(
              audit.outcome(), audit.errors().isEmpty() ? null : audit.errors().get(0).operation())
          && gate.notify(company.companyId(), audit.outcome().didNotRun())) {
        audit = notify(company, audit);
      }
    } catch (RuntimeException e) {
      audit = audit.withWarnings(List.of("notification failed: " + Messages.describe(e)));
    }
    String json = JsonDocuments.write(audit);
    recorded.finish(audit.outcome(), finished, json);
    ended(
        recorded,
        company,
        RunRecord.AUDIT,
        false,
        started,
        start,
        audit.outcome(),
        finished,
        json,
        audit);
    return new Ran<>(recorded.runId(), audit.outcome().status(), audit);
  }

  /** A failed report of a company whose run could not even start (for {@code PerCompany}). */
  public Report failedSync(CompanyConfig company, SyncInputs inputs, String message) {
    return Reports.failed(context(company), inputs.dryRun(), clock.instant(), "sync", message);
  }

  /** A failed audit of a company whose run could not even start (for {@code PerCompany}). */
  public AuditReport failedAudit(CompanyConfig company, String message) {
    return Auditor.failed(context(company), clock.instant(), "audit", message);
  }

  /** Records the start, or takes a queued run to running; null when it is no longer queued. */
  private RecordedRun record(Start start, RunRecord fresh) {
    RunSpool spool = RunSpool.beside(config.file());
    if (start.queuedRunId() == null) {
      return RecordedRun.start(store, spool, err, fresh);
    }
    if (!store.markRunning(start.queuedRunId(), fresh.startedAt(), RunOwner.current())) {
      return null;
    }
    RunRecord running =
        store
            .run(start.queuedRunId())
            .orElseThrow(
                () -> new IllegalStateException("run " + start.queuedRunId() + " vanished"));
    return RecordedRun.resume(store, spool, err, running);
  }

  /**
   * A run this process's own stop (SIGTERM, Ctrl-C, a stopping node) ended before it wrote: it says
   * nothing about the company, so it sends no notification and opens no ticket.
   */
  private static boolean stoppedBeforeWriting(Outcome outcome, String firstErrorOperation) {
    return outcome == Outcome.FAILED && CompanyRead.STOP.equals(firstErrorOperation);
  }

  /** A scheduled run whose only problem was the company lock held by another run. */
  private static boolean skipped(Start start, Outcome outcome, String firstErrorOperation) {
    return start.trigger().equals(RunRecord.TRIGGER_SCHEDULE)
        && outcome == Outcome.FAILED
        && CompanyRead.LOCK.equals(firstErrorOperation);
  }

  private <T> Ran<T> skip(
      RecordedRun recorded,
      CompanyConfig company,
      String kind,
      boolean dryRun,
      Instant started,
      Start start) {
    Instant at = clock.instant();
    recorded.skip(at);
    err.println(
        "kb4sync: ["
            + company.companyId()
            + "] scheduled "
            + kind
            + " skipped: another run holds the company's lock");
    RunRecord run =
        new RunRecord(
            recorded.runId(),
            company.companyId(),
            kind,
            dryRun,
            RunStatus.SKIPPED,
            null,
            started,
            at,
            start.trigger(),
            RunOwner.current(),
            null,
            null);
    notifyObserver(run, null);
    return new Ran<>(recorded.runId(), RunStatus.SKIPPED, null);
  }

  private void ended(
      RecordedRun recorded,
      CompanyConfig company,
      String kind,
      boolean dryRun,
      Instant started,
      Start start,
      Outcome outcome,
      Instant finished,
      String json,
      Object document) {
    RunRecord run =
        new RunRecord(
                recorded.runId(),
                company.companyId(),
                kind,
                dryRun,
                RunStatus.RUNNING,
                null,
                started,
                null,
                start.trigger(),
                RunOwner.current(),
                null,
                null)
            .finish(outcome, finished, json);
    notifyObserver(run, document);
  }

  private void notifyObserver(RunRecord run, Object document) {
    try {
      observer.ended(run, document);
    } catch (RuntimeException e) {
      err.println("kb4sync: [" + run.companyId() + "] after the run: " + Messages.describe(e));
    }
  }

  /** Sends the audit as the company's policy says; a failed channel becomes a warning. */
  private AuditReport notify(CompanyConfig company, AuditReport audit) {
    if (auditChannels.isEmpty()) {
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
    List<String> warnings = Notifications.warnings(auditChannels.send(notification));
    return warnings.isEmpty() ? audit : audit.withWarnings(warnings);
  }

  private Company context(CompanyConfig company) {
    return new Company(company.companyId(), company.name(), config.file().toString());
  }

  /**
   * An audit names the users SCIM does not list (docs/knowbe4.md point 3): with a Reporting key it
   * reads the SCIM listing beside, which a sync does not need.
   */
  private static TrainingPlatform forAudit(TrainingPlatform platform) {
    return platform instanceof KnowBe4Platform knowbe4 ? knowbe4.withScimListing() : platform;
  }
}
