package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.history.RecordedRun;
import io.kb4sync.app.history.RunHistory;
import io.kb4sync.app.history.RunSpool;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.report.Reports;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.SyncResult;
import io.kb4sync.core.sync.SyncService;
import io.kb4sync.store.RunOwner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs the sync of one company or of several, bounded in parallel; one company's failure never
 * stops the others. Every run is recorded in the state store's history.
 */
public final class SyncRunner {
  private final Connectors connectors;
  private final Clock clock;
  private final PrintStream err;

  public SyncRunner(Connectors connectors, Clock clock, PrintStream err) {
    this.connectors = connectors;
    this.clock = clock;
    this.err = err;
  }

  public List<Report> run(Config config, List<CompanyConfig> companies, SyncInputs inputs) {
    try (StateStore store = connectors.store(config)) {
      List<CompanyConfig> resolved = Tenants.resolve(config, companies, inputs.tenant(), store);
      FollowUp followUp =
          FollowUp.of(
              config,
              store instanceof TicketMemory memory ? memory : NoTicketMemory.INSTANCE,
              clock);
      RunHistory.beforeRuns(store, config, clock, err);
      return PerCompany.run(
          config.parallelCompanies(),
          resolved,
          company -> one(config, company, inputs, store, followUp),
          (company, reason) -> failure(config, company, inputs, clock.instant(), reason));
    }
  }

  private Report one(
      Config config,
      CompanyConfig configured,
      SyncInputs inputs,
      StateStore store,
      FollowUp followUp) {
    CompanyConfig company = Precedence.company(configured, inputs);
    SyncOptions options = Precedence.options(config, company, inputs);
    Company who = new Company(company.companyId(), company.name(), config.file().toString());
    Instant started = clock.instant();
    RecordedRun recorded =
        RecordedRun.start(
            store,
            RunSpool.beside(config.file()),
            err,
            RunRecord.start(
                company.companyId(),
                RunRecord.SYNC,
                inputs.dryRun(),
                started,
                RunRecord.TRIGGER_CLI,
                RunOwner.current(),
                inputs.describe()));
    Report report;
    Instant finished;
    try {
      SyncResult result =
          new SyncService(store, clock, new ProgressPrinter(err, clock), Shutdown.PROCESS.signal())
              .run(
                  who, options, connectors.directory(company), connectors.platform(company, store));
      report = result.report();
      finished = result.finishedAt();
    } catch (RuntimeException e) {
      report = Reports.failed(who, options.dryRun(), started, "sync", Messages.describe(e));
      finished = clock.instant();
    }
    try {
      report = followUp.apply(company, report);
    } catch (RuntimeException e) {
      report =
          report.withWarnings(List.of("notification or ticket failed: " + Messages.describe(e)));
    }
    recorded.finish(report.outcome(), finished, JsonDocuments.write(report));
    return report;
  }

  private static Report failure(
      Config config, CompanyConfig company, SyncInputs inputs, Instant started, String message) {
    Company who = new Company(company.companyId(), company.name(), config.file().toString());
    return Reports.failed(who, inputs.dryRun(), started, "sync", message);
  }
}
