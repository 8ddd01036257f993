package io.kb4sync.app.audit;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.PerCompany;
import io.kb4sync.app.Shutdown;
import io.kb4sync.app.Tenants;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.history.RunHistory;
import io.kb4sync.app.run.CompanyRunner;
import io.kb4sync.app.run.RunObserver;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code kb4sync audit}: audits one company or several, bounded in parallel ({@code
 * parallel_companies}), each through the one {@link CompanyRunner}; one company's failure never
 * stops the others. Each audit reads what a sync reads and writes nothing to Microsoft 365 or
 * KnowBe4; it is recorded in the history (kind {@code audit}) and notified per the company's
 * notification policy.
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
   * @param allCompanies {@code --all-companies}: a company that cannot start is reported, not the
   *     command's error
   */
  public List<AuditReport> run(
      Config config, List<CompanyConfig> companies, String inputs, boolean allCompanies) {
    try (StateStore store = connectors.store(config)) {
      if (!allCompanies) {
        // One company named: a company without a tenant is the command's configuration error
        // (exit 2, one line, no report). Under --all-companies that company's run reports
        // config_error and the others run (one company's failure never stops the others).
        for (CompanyConfig company : companies) {
          Tenants.resolve(config, company, null, store);
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
                  .audit(company, inputs, CompanyRunner.Start.of(RunRecord.TRIGGER_CLI))
                  .document(),
          (company, reason) -> runner.failedAudit(company, reason));
    }
  }
}
