package io.kb4sync.app.cli;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} with {@code --company ID} or {@code --all-companies}, for every command.
 */
public final class CompanySelection {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The configuration file (YAML).")
  Path config;

  @Option(names = "--company", paramLabel = "ID", description = "The company_id.")
  String company;

  @Option(names = "--all-companies", description = "Every configured company.")
  boolean allCompanies;

  boolean allCompanies() {
    return allCompanies;
  }

  /** Requires exactly one of {@code --company} and {@code --all-companies}. */
  void requireOne(String command) {
    refuseBoth(command);
    if (company == null && !allCompanies) {
      throw exactlyOne(command);
    }
  }

  /**
   * Refuses {@code --company} with {@code --all-companies}, for a command where neither means every
   * company ({@code doctor}): which one was meant is not for kb4sync to guess.
   */
  void refuseBoth(String command) {
    if (company != null && allCompanies) {
      throw exactlyOne(command);
    }
  }

  private static ConfigException exactlyOne(String command) {
    return new ConfigException(command + ": give exactly one of --company ID and --all-companies");
  }

  Config load(Cli cli) {
    return ConfigLoader.load(cli.path(config), cli.environment());
  }

  /** The selected companies: the one named, else all of them. */
  List<CompanyConfig> companies(Cli cli, Config loaded) {
    if (company == null) {
      return loaded.companies();
    }
    return List.of(
        loaded
            .company(company)
            .orElseThrow(
                () ->
                    new ConfigException(
                        cli.path(config)
                            + ": companies: no company with company_id \""
                            + company
                            + "\"")));
  }
}
