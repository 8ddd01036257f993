package io.kb4sync.app.cli;

import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TokenRecord;
import io.kb4sync.server.Role;
import io.kb4sync.server.RunJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kb4sync token create|list|revoke}: the API tokens of service mode (docs/api.md#tokens). A
 * token is printed once, by {@code create}; the state store keeps only its SHA-256.
 */
@Command(
    name = "token",
    description = "Create, list and revoke the API tokens of service mode (kb4sync serve).",
    footer = {
      "",
      "Exit codes: 0 done, 1 the state store cannot be read or written,",
      "2 usage or configuration error (a bad option, a name taken or unknown)."
    })
public final class TokenCommand {

  private static final String EXIT_CODES_1 = "Exit codes: 0 done, 1 the state store cannot be read";
  private static final String EXIT_CODES_2 = "or written, 2 usage or configuration error.";

  private TokenCommand() {}

  /** {@code token} with its three commands, for {@link io.kb4sync.app.Main}. */
  public static CommandLine commandLine(Cli cli) {
    CommandLine token = new CommandLine(new TokenCommand());
    token.addSubcommand(new Create(cli));
    token.addSubcommand(new ListTokens(cli));
    token.addSubcommand(new Revoke(cli));
    return token;
  }

  private static final Pattern EXPIRES_IN = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

  /**
   * {@code 30m}, {@code 12h}, {@code 90d}: a whole number of minutes, hours or days, at least 1.
   *
   * @throws ConfigException in one line otherwise
   */
  static Duration expiresIn(String text) {
    Matcher matcher = EXPIRES_IN.matcher(text);
    if (!matcher.matches()) {
      throw new ConfigException(
          "token create: --expires-in must be a whole number and a unit m, h or d (30m, 12h, 90d),"
              + " found '"
              + text
              + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** {@code kb4sync token create}. */
  @Command(
      name = "create",
      description = "Create an API token and print it, alone, on stdout: it is shown this once.",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class Create implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description =
            "Its name, unique: 1 to 64 letters, digits, '.', '_' or '-'. Logs and runs show it"
                + " (trigger api:NAME).")
    String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description =
            "viewer (reads), operator (also pauses, starts and cancels runs) or admin (also"
                + " approves held archives and reloads).")
    String role;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        description = "It stops working after this long: 30m, 12h, 90d. Default: never.")
    String expiresIn;

    Create(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      if (!TokenRecord.validName(name)) {
        throw new ConfigException(
            "token create: --name must be 1 to 64 letters, digits, '.', '_' or '-', starting with"
                + " a letter or a digit, found '"
                + name
                + "'");
      }
      Role chosen =
          Role.fromId(role)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "token create: --role must be viewer, operator or admin, found '"
                              + role
                              + "'"));
      Duration lifetime = expiresIn == null ? null : expiresIn(expiresIn);
      try (StateStore store = config.openStore(cli)) {
        StoreTokens.Issued issued =
            new StoreTokens(store, cli.clock())
                .issue(name, chosen, lifetime)
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "token create: a token named '"
                                + name
                                + "' exists; revoke it first or choose another name"));
        cli.out().println(issued.token());
        cli.err()
            .println(
                "kb4sync: token "
                    + name
                    + " ("
                    + chosen.id()
                    + (issued.record().expires() == null
                        ? ", no expiry"
                        : ", expires " + RunJson.seconds(issued.record().expires()))
                    + ") created; it is shown this once, only its hash is stored");
      }
      return Outcome.ExitCode.OK;
    }
  }

  /** A token as {@code token list} shows it: never the token, nor its hash. */
  public record TokenJson(
      String name, String role, String created, String expires, String lastUsed) {
    static TokenJson of(TokenRecord token) {
      return new TokenJson(
          token.name(),
          token.role(),
          RunJson.seconds(token.created()),
          RunJson.seconds(token.expires()),
          RunJson.seconds(token.lastUsed()));
    }
  }

  /** {@code kb4sync token list}. */
  @Command(
      name = "list",
      description =
          "Print the API tokens as a JSON array by name: name, role, created, expires, last_used"
              + " (never the token).",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class ListTokens implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    ListTokens(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (StateStore store = config.openStore(cli)) {
        List<TokenJson> tokens = store.tokens().stream().map(TokenJson::of).toList();
        cli.out().println(JsonDocuments.writeAll(tokens));
      }
      return Outcome.ExitCode.OK;
    }
  }

  /** {@code kb4sync token revoke}. */
  @Command(
      name = "revoke",
      description = "Revoke an API token: it authenticates no request from now on.",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class Revoke implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "The token's name.")
    String name;

    Revoke(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (StateStore store = config.openStore(cli)) {
        if (!store.revokeToken(name)) {
          throw new ConfigException("token revoke: no token named '" + name + "'");
        }
      }
      cli.err().println("kb4sync: token " + name + " revoked");
      return Outcome.ExitCode.OK;
    }
  }
}
