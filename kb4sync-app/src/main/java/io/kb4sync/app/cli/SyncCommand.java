package io.kb4sync.app.cli;

import io.kb4sync.app.Precedence;
import io.kb4sync.app.SyncInputs;
import io.kb4sync.app.SyncRunner;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code kb4sync sync}: one synchronisation of one company, or of every configured company. */
@Command(
    name = "sync",
    description = "Synchronise the licensed Microsoft 365 users of a company into KnowBe4.",
    sortOptions = false,
    footer = {
      "",
      "Exit codes: 0 success; 3 some operations failed or were held;",
      "4 a safety guard held archives; 2 usage or configuration error;",
      "1 the run could not proceed (nothing was written).",
      "With --all-companies the first of 2, 1, 4, 3, 0 wins."
    })
public final class SyncCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin CompanySelection selection = new CompanySelection();

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "Override the company's Microsoft 365 tenant.")
  String tenant;

  @Option(
      names = "--license-filter",
      split = ",",
      paramLabel = "SKU",
      description = "skuPartNumbers (default: variable knowbe4_sync_license_filter).")
  List<String> licenseFilter;

  @Option(
      names = "--sync-groups",
      arity = "1",
      paramLabel = "true|false",
      description = "Sync groups (default true).")
  Boolean syncGroups;

  @Option(
      names = "--remove-stale-users",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Archive stale users (default: variable knowbe4_remove_stale_users, else false).")
  Boolean removeStaleUsers;

  @Option(names = "--dry-run", description = "Report what would be done; write nothing.")
  boolean dryRun;

  @Option(
      names = "--allow-mass-archive",
      arity = "1",
      paramLabel = "N",
      parameterConsumer = CountOrBare.class,
      description =
          "Let this run archive up to N users in total past the mass-archive threshold; a plan"
              + " with more is held again (0 allows none). Per company: not with"
              + " --all-companies.")
  Integer allowMassArchive;

  @Option(names = "--output", paramLabel = "FILE", description = "Also write the report to FILE.")
  Path output;

  /**
   * {@code --allow-mass-archive=N}: help shows the form with N required (arity 1), while a bare
   * flag still parses, as -1, so that {@link #call} refuses it with the line that shows the form
   * (picocli's own "missing parameter" would not say what N means).
   */
  static final class CountOrBare implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      if (args.isEmpty() || (args.peek().startsWith("-") && !args.peek().matches("-\\d+"))) {
        argSpec.setValue(-1);
        return;
      }
      String value = args.pop();
      try {
        argSpec.setValue(Integer.valueOf(value));
      } catch (NumberFormatException e) {
        throw new ParameterException(
            commandSpec.commandLine(),
            "Invalid value for option '--allow-mass-archive': '" + value + "' is not an int");
      }
    }
  }

  public SyncCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    selection.requireOne("sync");
    boolean allCompanies = selection.allCompanies();
    if (allCompanies && tenant != null) {
      throw new ConfigException(
          "sync: --tenant applies to one company; it cannot be used with --all-companies");
    }
    if (allowMassArchive != null && allCompanies) {
      throw new ConfigException(
          "sync: consent is per company: --allow-mass-archive=N cannot be used with"
              + " --all-companies");
    }
    if (allowMassArchive != null && allowMassArchive < 0) {
      // A bare flag lands here too (CountOrBare makes it -1): consent names a count.
      throw new ConfigException(
          "sync: give consent as --allow-mass-archive=N, N the number of archives this run may"
              + " make in total (0 allows none); a plan with more is held again");
    }
    Config loaded = selection.load(cli);
    List<CompanyConfig> companies = selection.companies(cli, loaded);
    SyncInputs inputs =
        new SyncInputs(
            tenant, licenseFilter, syncGroups, removeStaleUsers, dryRun, allowMassArchive);
    companies.forEach(company -> Precedence.company(company, inputs)); // a bad --tenant: exit 2
    List<Report> runs =
        new SyncRunner(cli.connectors(), cli.clock(), cli.err())
            .run(loaded, companies, inputs, allCompanies);
    String json = allCompanies ? JsonDocuments.writeAll(runs) : JsonDocuments.write(runs.get(0));
    cli.out().println(json);
    if (output != null) {
      write(cli.path(output), json);
    }
    return Outcome.worst(runs.stream().map(Report::outcome).toList()).exitCode();
  }

  static void write(Path file, String json) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path temp = Files.createTempFile(parent, ".kb4sync-report", ".tmp");
      Files.writeString(temp, json + System.lineSeparator());
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
