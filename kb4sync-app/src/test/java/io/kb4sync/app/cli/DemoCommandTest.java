package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.core.testing.ReportSchema;
import io.kb4sync.simulators.demo.DemoWorld;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void the_demo_syncs_the_sample_company_and_leaves_its_files_in_kb4sync_demo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.systemUTC(),
            dir,
            Map.<String, String>of()::get);

    int exit = Main.run(cli, "demo");

    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8) + stdout).isZero();
    assertThat(stdout).contains("1. Dry run (0 write requests reached KnowBe4)");
    Path folder = dir.resolve("kb4sync-demo");
    JsonNode report =
        ReportSchema.assertValid(
            new ObjectMapper().readTree(folder.resolve("report.json").toFile()));
    assertThat(report.at("/sync_summary/m365_users_found").asInt())
        .isEqualTo(DemoWorld.LICENSED_MEMBERS);
    assertThat(report.at("/sync_summary/users_created").asInt())
        .isEqualTo(DemoWorld.expectedCreates().size());
    assertThat(report.at("/users_archived")).hasSize(4);
    ReportSchema.assertValid(
        new ObjectMapper().readTree(folder.resolve("dry-run-report.json").toFile()));
    assertThat(stdout.substring(stdout.indexOf("The real run's JSON report:")))
        .contains("\"company\" : \"Northwind Traders\"");
    assertThat(Files.readString(folder.resolve("notification.html")))
        .contains("Northwind Traders")
        .contains("<html");
    assertThat(Files.readString(folder.resolve("kb4sync-demo.yaml")))
        .contains("${env:KB4SYNC_DEMO_CLIENT_SECRET}")
        .doesNotContain(DemoWorld.CLIENT_SECRET);
    assertThat(folder.resolve("state.db")).exists();
  }
}
