package io.kb4sync.app.cli;

import io.kb4sync.app.CompanyRun;
import io.kb4sync.app.ExitCodes;
import io.kb4sync.app.SyncInputs;
import io.kb4sync.app.SyncRunner;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.notify.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
      description = "Lift the mass-archive threshold for this run only.")
  boolean allowMassArchive;

  @Option(names = "--output", paramLabel = "FILE", description = "Also write the report to FILE.")
  Path output;

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
    Config loaded = selection.load(cli);
    List<CompanyConfig> companies = selection.companies(cli, loaded);
    SyncInputs inputs =
        new SyncInputs(
            tenant, licenseFilter, syncGroups, removeStaleUsers, dryRun, allowMassArchive);
    List<CompanyRun> runs =
        new SyncRunner(cli.connectors(), cli.clock(), cli.err()).run(loaded, companies, inputs);
    String json =
        allCompanies
            ? ReportJson.writeAll(runs.stream().map(CompanyRun::report).toList())
            : ReportJson.write(runs.get(0).report());
    cli.out().println(json);
    if (output != null) {
      write(cli.path(output), json);
    }
    return ExitCodes.combine(runs.stream().map(CompanyRun::exitCode).toList());
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
