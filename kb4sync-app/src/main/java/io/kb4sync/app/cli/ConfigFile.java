package io.kb4sync.app.cli;

import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.core.state.StateStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The required {@code --config FILE} option of the commands that read the configuration for its
 * state store ({@code token}, {@code user}, {@code companies map|unmap|list}, {@code runs}), as a
 * picocli mixin.
 */
final class ConfigFile {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The configuration file (YAML).")
  Path path;

  /** The configuration, loaded and checked. */
  Config load(Cli cli) {
    return ConfigLoader.load(cli.path(path), cli.environment());
  }

  /** The state store the configuration names; the caller closes it. */
  StateStore openStore(Cli cli) {
    return cli.connectors().store(load(cli));
  }
}
