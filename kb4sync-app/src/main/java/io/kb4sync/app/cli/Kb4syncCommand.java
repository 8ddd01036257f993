package io.kb4sync.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The top command: {@code kb4sync --help}, {@code kb4sync --version}. Its standard help options are
 * inherited by every subcommand ({@code scope = INHERIT}), so {@code kb4sync CMD --help} works for
 * every command without any other option. Inherited too are the footer and version of a subcommand
 * that states none of its own: each command gives its own exit codes.
 */
@Command(
    name = "kb4sync",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Kb4syncCommand.Version.class,
    description =
        "Keeps every licensed Microsoft 365 user of every customer company enrolled in KnowBe4.",
    footer = {
      "",
      "Exit codes: 0 success; 3 some operations failed or were held;",
      "4 a safety guard held archives; 2 usage or configuration error;",
      "1 the run could not proceed (nothing was written)."
    })
public final class Kb4syncCommand implements Runnable {
  @Override
  public void run() {
    // Without a subcommand picocli prints the usage (see Main).
  }

  /** The version from the jar's manifest. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Kb4syncCommand.class.getPackage().getImplementationVersion();
      return new String[] {"kb4sync " + (version == null ? "development build" : version)};
    }
  }
}
