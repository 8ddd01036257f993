package io.kb4sync.app.cli;

import io.kb4sync.app.Precedence;
import io.kb4sync.app.SyncInputs;
import io.kb4sync.app.Tenants;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.core.health.CheckResult;
import io.kb4sync.core.health.HealthCheck;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.graph.GraphDirectorySource;
import io.kb4sync.notify.NotifierFactory;
import io.kb4sync.store.StateStores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kb4sync doctor}: checks every configured endpoint with read-only requests (sign-in, Graph
 * permissions, SCIM token and Tenant URL, Reporting key and region, the state store) and prints a
 * table: one verdict per line, and the remedy of each failure. Exit 0 only when every check passes.
 */
@Command(
    name = "doctor",
    description = "Check every configured endpoint: reachability, credentials, permissions.",
    sortOptions = false,
    footer = {
      "",
      "Exit codes: 0 every check passed, 1 at least one check failed,",
      "2 usage or configuration error."
    })
public final class DoctorCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin CompanySelection selection = new CompanySelection();

  public DoctorCommand(Cli cli) {
    this.cli = cli;
  }

  /** One row of the table. */
  record Row(String company, CheckResult result) {}

  @Override
  public Integer call() {
    selection.refuseBoth("doctor");
    Config loaded = selection.load(cli);
    List<CompanyConfig> companies = selection.companies(cli, loaded);
    List<Row> rows = new ArrayList<>();
    StateStore store = null;
    try {
      store = cli.connectors().store(loaded);
      store.runs(RunQuery.ofCompany("kb4sync-doctor", 1));
      rows.add(
          new Row("-", CheckResult.pass(storeEndpoint(loaded), "open and read", "schema current")));
    } catch (RuntimeException e) {
      rows.add(
          new Row(
              "-",
              CheckResult.fail(
                  storeEndpoint(loaded),
                  "open and read",
                  e.getMessage(),
                  "check the state: key and that the database is reachable")));
      closeQuietly(store);
      store = null;
    }
    try {
      for (CompanyConfig configured : companies) {
        String who = configured.companyId() + " " + configured.displayName();
        CompanyConfig each = signedIn(loaded, configured, store);
        Object directory =
            each.m365().hasTenant()
                ? build(() -> cli.connectors().directoryToCheck(loaded, each))
                : new ConfigException(
                    "no Microsoft 365 tenant: neither m365.tenant_id nor a stored mapping"
                        + (store == null ? " (the state store could not be read)" : ""));
        String remedy =
            each.m365().hasTenant()
                ? "fix the m365 section of the company"
                : "set its m365.tenant_id, or store one: kb4sync companies map --config "
                    + loaded.file()
                    + " --company "
                    + each.companyId()
                    + " --tenant TENANT";
        checks("Microsoft 365", remedy, directory).forEach(r -> rows.add(new Row(who, r)));
        if (directory instanceof GraphDirectorySource graph) {
          // 0 requests: the SKUs were read by the check above.
          List<String> filter = Precedence.options(loaded, each, SyncInputs.none()).licenseFilter();
          rows.add(new Row(who, graph.licenseFilterCheck(filter)));
        }
        StateStore withStore = store;
        checks(
                "KnowBe4",
                "fix the knowbe4 section of the company",
                build(() -> cli.connectors().platformToCheck(loaded, each, withStore)))
            .forEach(r -> rows.add(new Row(who, r)));
      }
    } finally {
      closeQuietly(store);
    }
    if (loaded.notifications() != null) {
      NotifierFactory.channels(loaded.notifications())
          .forEach(
              channel ->
                  rows.add(
                      new Row(
                          "-",
                          CheckResult.skip(
                              "notification " + channel.name(),
                              "configured",
                              "not probed: doctor sends no message"))));
    }
    if (loaded.psa() != null && loaded.psa().type() != null) {
      // Read-only: Autotask's status and priority picklists, Halo's statuses and outcomes.
      String psa = "PSA " + loaded.psa().type().name().toLowerCase(java.util.Locale.ROOT);
      Object ticketing =
          build(
              () ->
                  io.kb4sync.psa.TicketingFactory.create(
                          loaded.psa(),
                          io.kb4sync.app.NoTicketMemory.INSTANCE,
                          java.time.Clock.systemUTC())
                      .orElse(null));
      if (ticketing instanceof HealthCheck) {
        checks(psa, "fix the psa section", ticketing).forEach(r -> rows.add(new Row("-", r)));
      } else if (ticketing instanceof RuntimeException) {
        checks(psa, "fix the psa section", ticketing).forEach(r -> rows.add(new Row("-", r)));
      } else {
        rows.add(
            new Row(
                "-", CheckResult.skip(psa, "configured", "not probed: doctor opens no ticket")));
      }
    }
    print(rows);
    boolean allPass = rows.stream().noneMatch(r -> r.result().status() == CheckResult.Status.FAIL);
    return allPass ? Outcome.ExitCode.OK : Outcome.ExitCode.CANNOT_PROCEED;
  }

  /**
   * The company with the tenant it signs in to, as a sync would: its {@code m365.tenant_id}, else
   * the mapping stored by {@code kb4sync companies map} (docs/onboarding.md); unchanged when it has
   * neither (or the store could not be read), which the Microsoft 365 check then reports.
   */
  private static CompanyConfig signedIn(Config loaded, CompanyConfig company, StateStore store) {
    if (company.m365().hasTenant() || store == null) {
      return company;
    }
    try {
      return Tenants.resolve(loaded, company, null, store);
    } catch (RuntimeException e) {
      return company;
    }
  }

  private static String storeEndpoint(Config loaded) {
    return "state store "
        + (loaded.state() == null ? "(default SQLite file)" : StateStores.mask(loaded.state()));
  }

  private static void closeQuietly(StateStore store) {
    if (store != null) {
      try {
        store.close();
      } catch (RuntimeException e) {
        // doctor has said what it found; a failing close changes nothing
      }
    }
  }

  /** The built connection, or the failure of building it from the configuration. */
  private static Object build(Supplier<Object> build) {
    try {
      return build.get();
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** The checks of one outside system; building it from the configuration is the first check. */
  private static List<CheckResult> checks(String system, String remedy, Object built) {
    if (built instanceof RuntimeException e) {
      return List.of(CheckResult.fail(system, "configuration", e.getMessage(), remedy));
    }
    if (built instanceof HealthCheck checkable) {
      return checkable.check();
    }
    return List.of(CheckResult.skip(system, "checks", "this connection offers no checks"));
  }

  private void print(List<Row> rows) {
    int companyWidth = "COMPANY".length();
    int endpointWidth = "ENDPOINT".length();
    int checkWidth = "CHECK".length();
    for (Row row : rows) {
      companyWidth = Math.max(companyWidth, row.company().length());
      endpointWidth = Math.max(endpointWidth, row.result().endpoint().length());
      checkWidth = Math.max(checkWidth, row.result().check().length());
    }
    String format =
        "%-" + companyWidth + "s  %-" + endpointWidth + "s  %-" + checkWidth + "s  %-6s  %s%n";
    cli.out().printf(format, "COMPANY", "ENDPOINT", "CHECK", "STATUS", "DETAIL");
    for (Row row : rows) {
      CheckResult r = row.result();
      cli.out()
          .printf(
              format,
              row.company(),
              r.endpoint(),
              r.check(),
              r.status(),
              r.detail() == null ? "" : r.detail());
      if (r.status() == CheckResult.Status.FAIL && r.remedy() != null) {
        cli.out().printf("%" + (companyWidth + 2) + "s-> %s%n", "", r.remedy());
      }
    }
    long failed = rows.stream().filter(r -> r.result().status() == CheckResult.Status.FAIL).count();
    cli.out().println(failed == 0 ? "All checks passed." : failed + " check(s) failed.");
  }
}
