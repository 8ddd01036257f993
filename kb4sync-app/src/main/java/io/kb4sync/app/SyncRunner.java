package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.history.RunHistory;
import io.kb4sync.app.run.CompanyRunner;
import io.kb4sync.app.run.RunObserver;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code kb4sync sync}: the sync of one company or of several, bounded in parallel, each through
 * the one {@link CompanyRunner}; one company's failure never stops the others.
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

  /**
   * @param allCompanies {@code --all-companies}: a company that cannot start is reported, not the
   *     command's error
   */
  public List<Report> run(
      Config config, List<CompanyConfig> companies, SyncInputs inputs, boolean allCompanies) {
    try (StateStore store = connectors.store(config)) {
      if (!allCompanies) {
        // One company named: a company without a tenant is the command's configuration error
        // (exit 2, one line, no report). Under --all-companies that company's run reports
        // config_error and the others run (one company's failure never stops the others).
        for (CompanyConfig company : companies) {
          Tenants.resolve(config, company, inputs.tenant(), store);
        }
      }
      RunHistory.beforeRuns(store, config, clock, err);
      CompanyRunner runner =
          new CompanyRunner(
              config, store, connectors, clock, err, Shutdown.PROCESS.signal(), RunObserver.NONE);
      return PerCompany.run(
          config.parallelCompanies(),
          companies,
          company ->
              runner
                  .sync(company, inputs, CompanyRunner.Start.of(RunRecord.TRIGGER_CLI))
                  .document(),
          (company, reason) -> runner.failedSync(company, inputs, reason));
    }
  }
}
