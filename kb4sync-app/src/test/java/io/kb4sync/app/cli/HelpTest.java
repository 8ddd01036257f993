package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} works on every command without any other option. */
class HelpTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    out.reset();
    err.reset();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new TestConnectors(),
            Clock.systemUTC(),
            dir,
            Map.<String, String>of()::get);
    return Main.run(cli, args);
  }

  String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sync_help_prints_the_sync_options_and_exits_0() {
    assertThat(run("sync", "--help")).as(stderr()).isZero();

    assertThat(stdout())
        .startsWith("Usage: kb4sync sync ")
        .contains(
            "--config",
            "--company",
            "--all-companies",
            "--tenant",
            "--license-filter",
            "--sync-groups",
            "--remove-stale-users",
            "--dry-run",
            "--allow-mass-archive",
            "--output",
            "Exit codes:");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void sync_help_shows_allow_mass_archive_with_n_required_since_a_bare_flag_is_refused() {
    assertThat(run("sync", "--help")).as(stderr()).isZero();

    assertThat(stdout())
        .contains("--allow-mass-archive=N")
        .doesNotContain("--allow-mass-archive[=N]");
  }

  @Test
  void the_top_level_help_gives_each_command_a_whole_sentence() {
    assertThat(run("--help")).as(stderr()).isZero();

    // Rows of the Commands section: a name indented by two, continuation lines indented deeper.
    List<String> rows = new ArrayList<>();
    boolean inCommands = false;
    for (String line : stdout().lines().toList()) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.isBlank()) {
        break;
      } else if (inCommands && line.matches("  \\S.*")) {
        rows.add(line.strip());
      } else if (inCommands && !rows.isEmpty()) {
        rows.set(rows.size() - 1, rows.get(rows.size() - 1) + " " + line.strip());
      }
    }
    assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).endsWith("."));
    assertThat(rows)
        .anySatisfy(
            row -> assertThat(row).startsWith("audit ").endsWith("writes nothing to either."));
  }

  @Test
  void audit_help_prints_the_audit_options_and_exits_0() {
    assertThat(run("audit", "--help")).as(stderr()).isZero();

    assertThat(stdout())
        .startsWith("Usage: kb4sync audit ")
        .contains("--config", "--company", "--all-companies", "--format", "--output");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void demo_help_prints_the_demo_usage_and_runs_no_demo() {
    assertThat(run("demo", "--help")).as(stderr()).isZero();

    assertThat(stdout()).startsWith("Usage: kb4sync demo ").doesNotContain("Dry run (");
    assertThat(dir.resolve(DemoCommand.FOLDER)).doesNotExist();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void doctor_help_prints_the_doctor_options_and_exits_0() {
    assertThat(run("doctor", "--help")).as(stderr()).isZero();

    assertThat(stdout())
        .startsWith("Usage: kb4sync doctor ")
        .contains("--config", "--company", "Exit codes: 0 every check passed");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void runs_help_prints_the_runs_options_and_exits_0() {
    assertThat(run("runs", "--help")).as(stderr()).isZero();

    assertThat(stdout())
        .startsWith("Usage: kb4sync runs ")
        .contains("--config", "--company", "--limit", "Exit codes: 0 printed");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void token_help_lists_create_list_and_revoke_and_each_answers_its_own_help() {
    assertThat(run("token", "--help")).as(stderr()).isZero();
    assertThat(stdout()).startsWith("Usage: kb4sync token ").contains("create", "list", "revoke");

    assertThat(run("token", "create", "--help")).as(stderr()).isZero();
    assertThat(stdout())
        .startsWith("Usage: kb4sync token create ")
        .contains("--config", "--name", "--role", "--expires-in", "Exit codes:");
    assertThat(run("token", "list", "--help")).as(stderr()).isZero();
    assertThat(stdout()).startsWith("Usage: kb4sync token list ").contains("--config");
    assertThat(run("token", "revoke", "-h")).as(stderr()).isZero();
    assertThat(stdout()).startsWith("Usage: kb4sync token revoke ").contains("--config", "--name");
    assertThat(stderr()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "audit", "demo", "doctor", "runs", "token"})
  void the_short_form_h_works_too(String command) {
    assertThat(run(command, "-h")).as(stderr()).isZero();

    assertThat(stdout()).startsWith("Usage: kb4sync " + command + " ");
  }

  @Test
  void every_command_kb4sync_help_lists_answers_help_with_its_own_usage() {
    assertThat(run("--help")).isZero();
    List<String> commands = commandsListed(stdout());
    assertThat(commands).contains("sync", "audit", "demo", "doctor", "runs", "token");

    for (String command : commands) {
      assertThat(run(command, "--help")).as(command + ": " + stderr()).isZero();
      assertThat(stdout()).as(command).startsWith("Usage: kb4sync " + command + " ");
    }
  }

  @Test
  void a_usage_error_points_at_a_help_that_works() {
    assertThat(run("sync")).isEqualTo(2);
    assertThat(stderr()).contains("(see kb4sync sync --help)");

    assertThat(run("sync", "--help")).isZero();
  }

  /** The subcommand names under "Commands:" in the top command's usage. */
  private static List<String> commandsListed(String usage) {
    List<String> names = new ArrayList<>();
    boolean inCommands = false;
    for (String line : usage.split("\\R")) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.matches(" {2}\\S.*")) {
        names.add(line.trim().split("\\s+")[0]); // a name; wrapped descriptions are indented more
      } else if (inCommands && !line.startsWith(" ")) {
        break;
      }
    }
    return names;
  }
}
