package io.kb4sync.app;

import io.kb4sync.app.cli.AuditCommand;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.app.cli.CompaniesCommand;
import io.kb4sync.app.cli.DemoCommand;
import io.kb4sync.app.cli.DoctorCommand;
import io.kb4sync.app.cli.Kb4syncCommand;
import io.kb4sync.app.cli.RunsCommand;
import io.kb4sync.app.cli.ServeCommand;
import io.kb4sync.app.cli.SyncCommand;
import io.kb4sync.app.cli.TokenCommand;
import io.kb4sync.app.cli.UserCommand;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.service.ServiceHttp;
import io.kb4sync.core.run.Outcome;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/** The entry point. {@link #run} returns the exit code; tests call it, only {@link #main} exits. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Shutdown.PROCESS.installHook(System.out, System.err);
    System.exit(Shutdown.PROCESS.command(() -> run(System.out, System.err, args)));
  }

  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(
        new Cli(
            out, err, new RealConnectors(), Clock.systemUTC(), workingDirectory(), System::getenv),
        args);
  }

  public static int run(Cli cli, String... args) {
    return run(cli, System.in, args);
  }

  /** As {@link #run(Cli, String...)}, with {@code stdin} for what reads it ({@code user add}). */
  public static int run(Cli cli, InputStream stdin, String... args) {
    CommandLine commandLine = new CommandLine(new Kb4syncCommand());
    commandLine.addSubcommand(new SyncCommand(cli));
    commandLine.addSubcommand(new AuditCommand(cli));
    commandLine.addSubcommand(new DemoCommand(cli));
    commandLine.addSubcommand(new DoctorCommand(cli));
    commandLine.addSubcommand(new RunsCommand(cli));
    commandLine.addSubcommand(new ServeCommand(cli, ServiceHttp::api));
    commandLine.addSubcommand(TokenCommand.commandLine(cli));
    commandLine.addSubcommand(UserCommand.commandLine(cli, stdin));
    commandLine.addSubcommand(CompaniesCommand.commandLine(cli));
    commandLine.setOut(new PrintWriter(cli.out(), true));
    commandLine.setErr(new PrintWriter(cli.err(), true));
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          cli.err()
              .println(
                  "kb4sync: " + ex.getMessage() + " (see kb4sync " + subcommand(ex) + "--help)");
          return Outcome.ExitCode.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof ConfigException) {
            cli.err().println("kb4sync: " + ex.getMessage());
            return Outcome.ExitCode.USAGE;
          }
          cli.err().println("kb4sync: " + Messages.describe(ex));
          return Outcome.ExitCode.CANNOT_PROCEED;
        });
    if (args.length == 0) {
      commandLine.usage(cli.err());
      return Outcome.ExitCode.USAGE;
    }
    return commandLine.execute(args);
  }

  /** {@code "token create "} for a nested command, {@code ""} for the top one. */
  private static String subcommand(CommandLine.ParameterException ex) {
    String name = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
    return name.equals("kb4sync") ? "" : name.substring("kb4sync ".length()) + " ";
  }

  /** The folder kb4sync was called from; the launcher passes it because it changes folder. */
  static Path workingDirectory() {
    String given = System.getProperty("kb4sync.cwd");
    return Path.of(given == null || given.isBlank() ? "" : given).toAbsolutePath();
  }
}
