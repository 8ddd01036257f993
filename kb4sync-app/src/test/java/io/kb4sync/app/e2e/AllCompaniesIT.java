package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --all-companies} and {@code --output}: the CLI around the sync. */
class AllCompaniesIT extends EndToEndTest {

  @Test
  void all_companies_prints_an_array_syncs_the_others_when_one_fails_and_exits_1() {
    try (World contoso =
            World.start(
                "contoso", t -> t.user(person("ann@contoso.example", "Ann", "Archer", "Sales")));
        World fabrikam =
            World.start(
                "fabrikam", t -> t.user(person("fay@fabrikam.example", "Fay", "Fox", "Sales")))) {
      Config config = Config.create();
      config.company("1001", fabrikam);
      config.company("1002", contoso);
      Path file = config.writeTo(dir);

      Run run =
          kb4sync(contoso, fabrikam)
              // Fabrikam's app secret was rotated in Entra ID but not in kb4sync's environment.
              .env(fabrikam.envPrefix() + "_M365_SECRET", "an-outdated-secret-value")
              .run("sync", "--config", file.toString(), "--all-companies");

      assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
      List<JsonNode> reports = run.reports();
      assertThat(reports).hasSize(2);
      JsonNode failed = reports.get(0);
      assertThat(failed.at("/sync_summary/company").asText()).isEqualTo("fabrikam Ltd");
      assertThat(failed.at("/success").asBoolean()).isFalse();
      assertThat(failed.at("/errors/0/message").asText()).contains("fabrikam.onmicrosoft.com");
      assertThat(fabrikam.writes()).isZero();
      assertThat(fabrikam.knowbe4.users()).isEmpty();
      JsonNode synced = reports.get(1);
      assertThat(synced.at("/success").asBoolean()).isTrue();
      assertThat(synced.at("/sync_summary/users_created").asInt()).isEqualTo(1);
      assertThat(contoso.knowbe4.findByEmail("ann@contoso.example")).isPresent();
    }
  }

  @Test
  void output_writes_the_report_to_a_file_relative_to_the_calling_folder() throws IOException {
    try (World world =
        World.start(t -> t.user(person("ann@contoso.example", "Ann", "Archer", "Sales")))) {
      Path configFolder = dir.resolve("config");
      Path calling = Files.createDirectories(dir.resolve("calling"));
      Config config = Config.create();
      config.company(COMPANY, world);
      config.writeTo(configFolder);

      Run run =
          Kb4syncJar.in(calling)
              .env(world.env())
              .run(
                  "sync",
                  "--config",
                  "../config/kb4sync.yaml",
                  "--company",
                  COMPANY,
                  "--output",
                  "reports/contoso.json");

      assertThat(run.exitCode()).as("%s", run).isZero();
      Path written = calling.resolve("reports/contoso.json");
      assertThat(written).exists();
      assertThat(Files.readString(written).trim()).isEqualTo(run.stdout().trim());
      assertThat(configFolder.resolve("reports")).doesNotExist();
      // The state path in the file is relative to the file's folder, not to the calling folder.
      assertThat(configFolder.resolve("state")).isDirectory();
      assertThat(calling.resolve("state")).doesNotExist();
      run.report();
    }
  }
}
