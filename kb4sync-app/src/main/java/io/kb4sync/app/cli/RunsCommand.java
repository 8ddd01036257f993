package io.kb4sync.app.cli;

import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.history.RunHistory;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.RunJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kb4sync runs}: the run history as a JSON array, newest first (docs/history.md). Before it
 * reads, it stores any spooled records, marks the runs of dead processes {@code abandoned} and
 * prunes what is older than {@code history_days}.
 */
@Command(
    name = "runs",
    description = "Print the run history as JSON, newest first.",
    sortOptions = false,
    footer = {
      "",
      "Runs of processes that died are marked abandoned first. See docs/history.md.",
      "Exit codes: 0 printed, 1 the state store cannot be read,",
      "2 usage or configuration error."
    })
public final class RunsCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin ConfigFile config;

  @Option(
      names = "--company",
      paramLabel = "ID",
      description = "Only this company_id's runs (also of a company no longer configured).")
  String company;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "At most N runs, 1.." + RunQuery.MAX_LIMIT + " (default " + RunQuery.DEFAULT_LIMIT + ").")
  Integer limit;

  public RunsCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    int shown = limit == null ? RunQuery.DEFAULT_LIMIT : limit;
    if (shown < 1 || shown > RunQuery.MAX_LIMIT) {
      throw new ConfigException(
          "runs: --limit must be between 1 and " + RunQuery.MAX_LIMIT + ", found " + shown);
    }
    Config loaded = config.load(cli);
    try (StateStore store = cli.connectors().store(loaded)) {
      RunHistory.housekeeping(store, loaded, cli.clock());
      List<RunJson> runs =
          store.runs(new RunQuery(company, null, shown, null)).stream().map(RunJson::of).toList();
      cli.out().println(JsonDocuments.writeAll(runs));
    }
    return Outcome.ExitCode.OK;
  }
}
