package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s choice between a configuration file and {@code --demo}: one line when wrong. */
class ServeDemoOptionsTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int serve(String... args) {
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.systemUTC(),
            dir,
            Map.<String, String>of()::get);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(cli, all);
  }

  @Test
  void serve_without_a_configuration_or_the_demo_is_a_usage_error_in_one_line() {
    int exit = serve();

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .contains("--config FILE is required")
        .doesNotContain("\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void the_demo_takes_no_configuration_file() {
    int exit = serve("--demo", "--config", "kb4sync.yaml");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .contains("--demo takes no --config")
        .doesNotContain("\n");
  }

  @Test
  void the_demo_refuses_a_port_out_of_range_before_starting_anything() {
    int exit = serve("--demo", "--port", "70000");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be between 0 and 65535");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("starting the demo");
  }
}
