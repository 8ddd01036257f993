package io.kb4sync.app.cli;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.onboard.CompaniesYaml;
import io.kb4sync.app.onboard.DiscoveryDocument;
import io.kb4sync.app.onboard.DiscoveryTable;
import io.kb4sync.app.onboard.OutputFile;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TenantMapping;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kb4sync companies discover}: proposes PSA company to Microsoft 365 tenant (the contract's
 * "Tenant auto-detection", docs/onboarding.md step 5a). Reads the partner tenant's GDAP customers,
 * the PSA's companies and the public OpenID documents of their domains; writes to no remote system
 * and changes nothing in the state store (it only reads the mappings).
 */
@Command(
    name = "discover",
    description =
        "Propose each PSA company's Microsoft 365 tenant from the partner's GDAP customers, the"
            + " PSA's companies and their domains; print the proposal, and write a companies:"
            + " block to review and paste with --output. Writes to no remote system.",
    sortOptions = false,
    footer = {
      "",
      "Exit codes: 0 done, 1 a read failed (the line names the system and why),",
      "2 usage or configuration error (no partner or psa section, --output exists)."
    })
final class DiscoverCompanies implements Callable<Integer> {
  private final Cli cli;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The configuration file (YAML), with partner: and psa:.")
  Path config;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Also write the matched companies as a companies: YAML block to FILE.")
  Path output;

  @Option(
      names = "--force",
      description = "Replace --output FILE when it exists (refused otherwise).")
  boolean force;

  @Option(
      names = "--format",
      paramLabel = "table|json",
      description = "stdout: table (default) or json.")
  String format = "table";

  DiscoverCompanies(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    String chosen = format.trim().toLowerCase(Locale.ROOT);
    if (!chosen.equals("table") && !chosen.equals("json")) {
      throw new ConfigException(
          "companies discover: --format must be table or json, found \"" + format + "\"");
    }
    Path outputFile = output == null ? null : cli.path(output);
    if (outputFile != null && OutputFile.refused(outputFile, force)) {
      throw new ConfigException(
          "companies discover: --output "
              + outputFile
              + " exists; review it, then move it away or add --force to replace it");
    }
    Config loaded = ConfigLoader.loadForDiscovery(cli.path(config), cli.environment());
    if (loaded.partner() == null) {
      throw new ConfigException(
          loaded.file()
              + ": partner: is required by companies discover: the MSP's own tenant (tenant_id)"
              + " and, unless defaults.m365 has it, the app's client_id with client_secret or"
              + " certificate_path");
    }
    if (loaded.psa() == null || loaded.psa().type() == null) {
      throw new ConfigException(
          loaded.file() + ": psa: is required by companies discover: it reads the PSA's companies");
    }
    Map<String, String> known = new LinkedHashMap<>();
    for (CompanyConfig company : loaded.companies()) {
      known.put(company.companyId(), company.m365().hasTenant() ? company.m365().tenantId() : null);
    }
    try (StateStore store = cli.connectors().store(loaded)) {
      for (TenantMapping mapping : store.tenantMappings()) {
        if (known.get(mapping.companyId()) == null) {
          known.put(mapping.companyId(), mapping.tenantId());
        }
      }
    }
    Discovery discovery;
    try {
      discovery = cli.connectors().discovery(loaded);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(loaded.file() + ": " + e.getMessage());
    }
    Discovery.Result result;
    try {
      result = discovery.discover(new Discovery.Known(loaded.partner().tenantId(), known));
    } catch (Discovery.UnknownPartnerTenant e) {
      throw new ConfigException(loaded.file() + ": partner.tenant_id: " + e.getMessage());
    } catch (Discovery.ReadFailed e) {
      cli.err().println("kb4sync: companies discover: " + e.getMessage());
      return Outcome.ExitCode.CANNOT_PROCEED;
    }
    if (chosen.equals("json")) {
      cli.out().println(JsonDocuments.write(DiscoveryDocument.of(result)));
    } else {
      cli.out().print(DiscoveryTable.render(result));
      cli.out().flush();
    }
    if (outputFile != null) {
      OutputFile.write(outputFile, CompaniesYaml.render(result, cli.clock().instant()), force);
      cli.err()
          .println(
              "kb4sync: "
                  + result.proposal().matched().size()
                  + " matched "
                  + (result.proposal().matched().size() == 1 ? "company" : "companies")
                  + " written to "
                  + outputFile
                  + ": review it, set the environment variables it names, then paste it under"
                  + " companies: in "
                  + loaded.file());
    }
    return Outcome.ExitCode.OK;
  }
}
