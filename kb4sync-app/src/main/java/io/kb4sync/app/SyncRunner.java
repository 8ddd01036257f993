package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.plan.SyncOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

  public List<CompanyRun> run(Config config, List<CompanyConfig> companies, SyncInputs inputs) {
    try (StateStore store = connectors.store(config)) {
      FollowUp followUp =
          FollowUp.of(
              config,
              store instanceof TicketMemory memory ? memory : NoTicketMemory.INSTANCE,
              clock);
      if (companies.size() == 1) {
        return List.of(one(config, companies.get(0), inputs, store, followUp));
      }
      ExecutorService pool =
          Executors.newFixedThreadPool(Math.min(config.parallelCompanies(), companies.size()));
      try {
        List<Future<CompanyRun>> futures = new ArrayList<>();
        for (CompanyConfig company : companies) {
          futures.add(pool.submit(() -> one(config, company, inputs, store, followUp)));
        }
        List<CompanyRun> runs = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
          runs.add(await(futures.get(i), companies.get(i), inputs));
        }
        return runs;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private CompanyRun await(Future<CompanyRun> future, CompanyConfig company, SyncInputs inputs) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(company, inputs, clock.instant(), "interrupted");
    } catch (ExecutionException e) {
      return failure(company, inputs, clock.instant(), Messages.describe(e.getCause()));
    }
  }

  private CompanyRun one(
      Config config,
      CompanyConfig configured,
      SyncInputs inputs,
      StateStore store,
      FollowUp followUp) {
    CompanyConfig company = Precedence.company(configured, inputs);
    SyncOptions options = Precedence.options(config, company, inputs);
    Reports.Company who = new Reports.Company(company.companyId(), company.name());
    Instant started = clock.instant();
    Report report;
    Instant finished;
    try {
      SyncResult result =
          new SyncService(store, clock, new ProgressPrinter(err, clock))
              .run(who, options, connectors.directory(company), connectors.platform(company));
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
    record(store, company, inputs, started, finished, report);
    return new CompanyRun(company.companyId(), report);
  }

  private void record(
      StateStore store,
      CompanyConfig company,
      SyncInputs inputs,
      Instant started,
      Instant finished,
      Report report) {
    try {
      // wired by the runner
      RunRecord run =
          RunRecord.start(
              company.companyId(),
              RunRecord.SYNC,
              inputs.dryRun(),
              started,
              RunRecord.TRIGGER_CLI,
              RunOwner.current(),
              inputs.describe());
      store.startRun(run);
      store.finishRun(run.runId(), report.outcome(), finished, JsonDocuments.write(report));
    } catch (RuntimeException e) {
      err.println(
          "kb4sync: ["
              + company.companyId()
              + "] could not record the run in the state store: "
              + Messages.describe(e));
    }
  }

  private CompanyRun failure(
      CompanyConfig company, SyncInputs inputs, Instant started, String message) {
    Reports.Company who = new Reports.Company(company.companyId(), company.name());
    return new CompanyRun(
        company.companyId(), Reports.failed(who, inputs.dryRun(), started, "sync", message));
  }
}
