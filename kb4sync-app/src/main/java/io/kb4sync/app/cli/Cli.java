package io.kb4sync.app.cli;

import io.kb4sync.app.Connectors;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * What every command needs from outside: the streams, the wiring of adapters, the clock, and the
 * folder the user called kb4sync from (relative paths in arguments are relative to it), and the
 * environment that {@code ${env:NAME}} references read.
 */
public record Cli(
    PrintStream out,
    PrintStream err,
    Connectors connectors,
    Clock clock,
    Path workingDirectory,
    Function<String, String> environment) {

  /** An argument path resolved against the folder kb4sync was called from. */
  public Path path(Path argument) {
    return argument.isAbsolute() ? argument : workingDirectory.resolve(argument).normalize();
  }
}
