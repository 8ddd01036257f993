package io.kb4sync.app.cli;

import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.app.signin.StoreAdminLog;
import io.kb4sync.app.signin.StorePeople;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.Role;
import io.kb4sync.server.RunJson;
import io.kb4sync.server.web.AdminAction;
import io.kb4sync.server.web.Person;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kb4sync user add|list|disable}: the dashboard's local accounts (docs/security.md). {@code
 * add} reads the password from stdin, one line, and never echoes it; the state store keeps only its
 * Argon2id hash.
 */
@Command(
    name = "user",
    description = "Add, list and disable the dashboard's local accounts (kb4sync serve).",
    footer = {
      "",
      "Exit codes: 0 done, 1 the state store cannot be read or written,",
      "2 usage or configuration error (a bad option, a short password, a name taken or unknown)."
    })
public final class UserCommand {

  private static final String EXIT_CODES_1 = "Exit codes: 0 done, 1 the state store cannot be read";
  private static final String EXIT_CODES_2 = "or written, 2 usage or configuration error.";

  /**
   * The longest line read as a password, in characters: a guard against a file piped by mistake.
   */
  static final int LONGEST_PASSWORD = 1024;

  private UserCommand() {}

  /** {@code user} with its three commands; {@code add} reads the password from {@code stdin}. */
  public static CommandLine commandLine(Cli cli, InputStream stdin) {
    CommandLine user = new CommandLine(new UserCommand());
    user.addSubcommand(new Add(cli, stdin));
    user.addSubcommand(new ListUsers(cli));
    user.addSubcommand(new Disable(cli));
    return user;
  }

  /**
   * The password: typed at the terminal without echo when stdin is one, else the first line of
   * stdin.
   */
  static char[] password(InputStream stdin, String name) {
    java.io.Console console = System.console();
    if (stdin == System.in && console != null) {
      char[] typed = console.readPassword("Password for %s (not shown): ", name);
      return checked(typed == null ? new char[0] : typed, typed == null ? 0 : typed.length);
    }
    return readPassword(stdin);
  }

  /**
   * The first line of {@code in} (without its line end), as characters that the caller wipes.
   *
   * @throws ConfigException when it is empty, too short or too long
   */
  static char[] readPassword(InputStream in) {
    char[] line = new char[LONGEST_PASSWORD + 1];
    int length = 0;
    try {
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      int c;
      while (length < line.length && (c = reader.read()) != -1 && c != '\n') {
        line[length++] = (char) c;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("user add: cannot read the password from stdin", e);
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    char[] password = Arrays.copyOf(line, length);
    Arrays.fill(line, '\0');
    return checked(password, length);
  }

  /**
   * The password when it is long enough and not too long.
   *
   * @param length its length in chars ({@link #LONGEST_PASSWORD} + 1 when cut)
   * @throws ConfigException otherwise, having wiped it
   */
  private static char[] checked(char[] password, int length) {
    int characters = Character.codePointCount(password, 0, password.length);
    String problem =
        length == 0
            ? "user add: no password on stdin; give it as one line of at least "
                + StorePeople.MIN_PASSWORD_LENGTH
                + " characters"
            : characters < StorePeople.MIN_PASSWORD_LENGTH
                ? "user add: the password must be at least "
                    + StorePeople.MIN_PASSWORD_LENGTH
                    + " characters, found "
                    + characters
                : length > LONGEST_PASSWORD
                    ? "user add: the password must be at most "
                        + LONGEST_PASSWORD
                        + " characters on one line"
                    : null;
    if (problem != null) {
      Arrays.fill(password, '\0');
      throw new ConfigException(problem);
    }
    return password;
  }

  /** {@code kb4sync user add}. */
  @Command(
      name = "add",
      description =
          "Add a local dashboard account; its password is read from stdin (one line, at least 12"
              + " characters) and never echoed.",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class Add implements Callable<Integer> {
    private final Cli cli;
    private final InputStream stdin;

    @Mixin ConfigFile config;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description =
            "The sign-in name, unique: 1 to 128 letters, digits, '.', '_', '-', '@' or '+'. Runs"
                + " show it (trigger ui:NAME).")
    String name;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description =
            "viewer (reads; the default), operator (also pauses, starts and cancels runs) or admin"
                + " (also approves held archives, manages tokens and users).")
    String role = Role.VIEWER.id();

    Add(Cli cli, InputStream stdin) {
      this.cli = cli;
      this.stdin = stdin;
    }

    @Override
    public Integer call() {
      if (!DashboardAccount.validName(name)) {
        throw new ConfigException(
            "user add: --name must be 1 to 128 letters, digits, '.', '_', '-', '@' or '+',"
                + " starting with a letter or a digit, found '"
                + name
                + "'");
      }
      Role chosen =
          Role.fromId(role)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "user add: --role must be viewer, operator or admin, found '"
                              + role
                              + "'"));
      char[] password = password(stdin, name);
      try (StateStore store = config.openStore(cli)) {
        if (!new StorePeople(store, cli.clock()).add(name, chosen, password)) {
          throw new ConfigException(
              "user add: a user named '" + name + "' exists; choose another name");
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      cli.err()
          .println(
              "kb4sync: user "
                  + name
                  + " ("
                  + chosen.id()
                  + ") added; only a hash of the password is stored");
      return Outcome.ExitCode.OK;
    }
  }

  /** An account as {@code user list} shows it: never a password or its hash. */
  public record UserJson(
      String name,
      String role,
      String source,
      boolean disabled,
      String created,
      String lastSignIn) {
    static UserJson of(Person person) {
      return new UserJson(
          person.name(),
          person.role().id(),
          person.source(),
          person.disabled(),
          RunJson.seconds(person.created()),
          RunJson.seconds(person.lastSignIn()));
    }
  }

  /** {@code kb4sync user list}. */
  @Command(
      name = "list",
      description =
          "Print the dashboard's accounts as a JSON array by name: name, role, source (local or"
              + " entra), disabled, created, last_sign_in (never a password or hash).",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class ListUsers implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    ListUsers(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (StateStore store = config.openStore(cli)) {
        List<UserJson> users =
            new StorePeople(store, cli.clock()).list().stream().map(UserJson::of).toList();
        cli.out().println(JsonDocuments.writeAll(users));
      }
      return Outcome.ExitCode.OK;
    }
  }

  /** {@code kb4sync user disable}. */
  @Command(
      name = "disable",
      description = "Disable a dashboard account: it cannot sign in and its sessions end now.",
      sortOptions = false,
      footer = {"", EXIT_CODES_1, EXIT_CODES_2})
  static final class Disable implements Callable<Integer> {
    private final Cli cli;

    @Mixin ConfigFile config;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "The account's name.")
    String name;

    Disable(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (StateStore store = config.openStore(cli)) {
        if (!new StorePeople(store, cli.clock()).disable(name)) {
          throw new ConfigException("user disable: no user named '" + name + "'");
        }
        new StoreAdminLog(store)
            .record(
                new AdminAction(
                    cli.clock().instant(), RunRecord.TRIGGER_CLI, "user_disable", null, name));
      }
      cli.err().println("kb4sync: user " + name + " disabled; its sessions have ended");
      return Outcome.ExitCode.OK;
    }
  }
}
