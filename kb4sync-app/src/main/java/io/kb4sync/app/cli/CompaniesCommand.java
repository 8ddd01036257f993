package io.kb4sync.app.cli;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TenantMapping;
import io.kb4sync.server.RunJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kb4sync companies map|unmap|list}: the tenants of companies whose configuration gives no
 * {@code m365.tenant_id}, kept in the state store (docs/onboarding.md). {@code --tenant} on a sync
 * still wins over both. {@code companies discover} ({@link DiscoverCompanies}) proposes them.
 */
@Command(
    name = "companies",
    description =
        "Find (discover) and map companies to their Microsoft 365 tenants; mappings are kept in"
            + " the state store.",
    footer = {
      "",
      "Exit codes: 0 done, 1 the state store cannot be read or written,",
      "2 usage or configuration error (an unknown company, a bad tenant)."
    })
public final class CompaniesCommand {
  private static final String EXIT_CODES_1 = "Exit codes: 0 done, 1 the state store cannot be read";
  private static final String EXIT_CODES_2 = "or written, 2 usage or configuration error.";

  private CompaniesCommand() {}

  /** {@code companies} with its commands, for {@link io.kb4sync.app.Main}. */
  public static CommandLine commandLine(Cli cli) {
    CommandLine companies = new CommandLine(new CompaniesCommand());
    companies.addSubcommand(new MapTenant(cli));
    companies.addSubcommand(new Unmap(cli));
    companies.addSubcommand(new ListMappings(cli));
    companies.addSubcommand(new DiscoverCompanies(cli));
    return companies;
  }

  /** The configured company, or exit 2 naming the file. */
  static CompanyConfig configured(Config config, String companyId, String command) {
    return config
        .company(companyId.trim())
        .orElseThrow(
            () ->
                new ConfigException(
                    "companies "
                        + command
                        + ": "
                        + config.file()
                        + ": no company with company_id \""
                        + companyId
                        + "\""));
  }

  /** {@code kb4sync companies map}. */
  @Command(
      name = "map",
      description =
          "Store the Microsoft 365 tenant of a company; used when its m365 has no tenant_id.",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class MapTenant implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    @Option(
        names = "--company",
        required = true,
        paramLabel = "ID",
        description = "The company_id.")
    String company;

    @Option(
        names = "--tenant",
        required = true,
        paramLabel = "TENANT",
        description = "The tenant GUID or one of its domains.")
    String tenant;

    MapTenant(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      Config loaded = config.load(cli);
      CompanyConfig configured = configured(loaded, company, "map");
      TenantMapping mapping;
      try {
        mapping = new TenantMapping(configured.companyId(), tenant, cli.clock().instant());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("companies map: --" + e.getMessage());
      }
      try (StateStore store = cli.connectors().store(loaded)) {
        store.mapTenant(mapping);
      }
      String note =
          configured.m365().hasTenant()
              ? "; its m365.tenant_id "
                  + configured.m365().tenantId()
                  + " in the configuration still wins"
              : "";
      cli.err()
          .println(
              "kb4sync: company "
                  + configured.companyId()
                  + " mapped to tenant "
                  + mapping.tenantId()
                  + note);
      return Outcome.ExitCode.OK;
    }
  }

  /** {@code kb4sync companies unmap}. */
  @Command(
      name = "unmap",
      description = "Forget the stored tenant of a company.",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class Unmap implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    @Option(
        names = "--company",
        required = true,
        paramLabel = "ID",
        description = "The company_id.")
    String company;

    Unmap(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      Config loaded = config.load(cli);
      String id = company.trim();
      try (StateStore store = cli.connectors().store(loaded)) {
        if (!store.unmapTenant(id)) {
          throw new ConfigException("companies unmap: company \"" + id + "\" has no mapping");
        }
      }
      cli.err().println("kb4sync: company " + id + " unmapped");
      return Outcome.ExitCode.OK;
    }
  }

  /** A mapping as {@code companies list} shows it. */
  public record MappingJson(String companyId, String tenantId, String mappedAt, String source) {}

  /** {@code kb4sync companies list}. */
  @Command(
      name = "list",
      description =
          "Print every configured company's tenant as a JSON array: company_id, tenant_id,"
              + " mapped_at, source (configuration, mapping or none); then stored mappings of"
              + " companies no longer configured (source: unconfigured).",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class ListMappings implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    ListMappings(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      Config loaded = config.load(cli);
      List<TenantMapping> mappings;
      try (StateStore store = cli.connectors().store(loaded)) {
        mappings = store.tenantMappings();
      }
      java.util.List<MappingJson> rows = new java.util.ArrayList<>();
      for (CompanyConfig each : loaded.companies()) {
        TenantMapping stored =
            mappings.stream()
                .filter(m -> m.companyId().equals(each.companyId()))
                .findFirst()
                .orElse(null);
        if (each.m365().hasTenant()) {
          rows.add(
              new MappingJson(
                  each.companyId(),
                  each.m365().tenantId(),
                  stored == null ? null : RunJson.seconds(stored.mappedAt()),
                  "configuration"));
        } else if (stored != null) {
          rows.add(
              new MappingJson(
                  each.companyId(),
                  stored.tenantId(),
                  RunJson.seconds(stored.mappedAt()),
                  "mapping"));
        } else {
          rows.add(new MappingJson(each.companyId(), null, null, "none"));
        }
      }
      for (TenantMapping stored : mappings) {
        if (loaded.company(stored.companyId()).isEmpty()) {
          rows.add(
              new MappingJson(
                  stored.companyId(),
                  stored.tenantId(),
                  RunJson.seconds(stored.mappedAt()),
                  "unconfigured"));
        }
      }
      cli.out().println(JsonDocuments.writeAll(rows));
      return Outcome.ExitCode.OK;
    }
  }
}
