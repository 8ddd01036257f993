package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configuration kb4sync cannot use ends the run with exit 2 and one line on stderr that names the
 * file and the key, before any request reaches Microsoft 365 or KnowBe4.
 */
class ConfigErrorsIT extends EndToEndTest {
  World world;

  @BeforeEach
  void liveCompany() {
    world = World.start(t -> t.user(person("ann@contoso.example", "Ann", "Archer", "Sales")));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void malformed_yaml_exits_2_with_one_line_and_sends_no_request() throws IOException {
    Path config = config(world);
    String broken = Files.readString(config).replaceFirst("company_id:", "company_id: [\"1001\"");
    Files.writeString(config, broken);

    Run run = sync(world, config);

    assertRefused(run, config.getFileName().toString(), "not valid YAML");
  }

  @Test
  void a_missing_key_exits_2_with_one_line_naming_the_key_and_sends_no_request() {
    Config config = Config.create();
    config.company(COMPANY, world).knowbe4.remove("scim_token");
    Path file = config.writeTo(dir);

    Run run = sync(world, file);

    assertRefused(run, file.getFileName().toString(), "scim_token");
  }

  @Test
  void an_unknown_company_exits_2_with_one_line_naming_it_and_sends_no_request() {
    Path config = config(world);

    Run run = kb4sync(world).run("sync", "--config", config.toString(), "--company", "9999");

    assertRefused(run, config.getFileName().toString(), "9999");
  }

  private void assertRefused(Run run, String file, String problem) {
    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderrLines())
        .as("%s", run)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).contains(file);
              assertThat(line).contains(problem);
            });
    assertThat(world.requests()).as("requests that reached a simulator").isZero();
  }
}
