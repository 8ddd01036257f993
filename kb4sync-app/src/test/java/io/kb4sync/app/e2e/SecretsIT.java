package io.kb4sync.app.e2e;

import static io.kb4sync.app.e2e.World.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.http.Faults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secrets (the Microsoft 365 client secret, the SCIM token, the Reporting key) never appear in
 * stdout, stderr (where every log line goes), the report file or the state database, whether the
 * run succeeds, retries or is refused.
 */
class SecretsIT extends EndToEndTest {
  static final String D = "contoso.example";
  static final String WRONG_SECRET = "E2E-SECRET-outdated-m365-client-secret-0d9e4a";

  @Test
  void secrets_appear_in_no_output_no_log_no_report_file_and_not_in_the_state_database()
      throws IOException {
    try (World world =
        World.start(
            t ->
                t.user(person("ann@" + D, "Ann", "Archer", "Sales"))
                    .user(person("bob@" + D, "Bob", "Baker", "Engineering")))) {
      Config config = Config.create();
      config.company(COMPANY, world).reporting(world);
      Path file = config.writeTo(dir);
      // Retries log the failed attempts: throttling on both sides makes the logs talk.
      world.graph.faults(new Faults(11).throttle(0.3).retryAfterSeconds(0));
      world.knowbe4.faults(new Faults(12).throttle(0.2).unavailable(0.1).retryAfterSeconds(0));
      List<Run> runs = new ArrayList<>();

      runs.add(
          verbose(world)
              .run(
                  "sync",
                  "--config",
                  file.toString(),
                  "--company",
                  COMPANY,
                  "--output",
                  "report.json"));
      runs.add(
          verbose(world)
              .run("sync", "--config", file.toString(), "--company", COMPANY, "--dry-run"));
      // Refused credentials: the error messages quote the remote answers, never the secrets.
      world.knowbe4.scimToken("a-token-kb4sync-does-not-have").reportingKey("nor-this-key");
      runs.add(verbose(world).run("sync", "--config", file.toString(), "--company", COMPANY));
      runs.add(
          verbose(world)
              .env(world.envPrefix() + "_M365_SECRET", WRONG_SECRET)
              .run("sync", "--config", file.toString(), "--company", COMPANY));

      assertThat(runs.get(0).exitCode()).as("%s", runs.get(0)).isZero();
      assertThat(runs.get(2).exitCode()).as("%s", runs.get(2)).isEqualTo(1);
      assertThat(runs.get(3).exitCode()).as("%s", runs.get(3)).isEqualTo(1);
      assertThat(String.join("\n", runs.stream().map(Run::stderr).toList()))
          .as("the logs really were written at TRACE")
          .contains("DEBUG")
          .contains("TRACE");
      List<String> secrets = new ArrayList<>(world.secrets());
      secrets.add(WRONG_SECRET);
      for (Run run : runs) {
        run.report();
        for (String secret : secrets) {
          assertThat(run.stdout()).doesNotContain(secret);
          assertThat(run.stderr()).doesNotContain(secret);
        }
      }
      List<Path> written = files(dir);
      assertThat(written)
          .contains(dir.resolve("report.json"), dir.resolve("state/kb4sync-state.db"));
      assertThat(
              new String(
                  Files.readAllBytes(dir.resolve("state/kb4sync-state.db")),
                  StandardCharsets.ISO_8859_1))
          .as("the state database holds the run history")
          .contains("ann@" + D);
      for (Path path : written) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(bytes).as("%s holds a secret", path).doesNotContain(secret);
        }
      }
    }
  }

  /** The jar with every logger at TRACE, the most it can log. */
  private Kb4syncJar verbose(World world) {
    return kb4sync(world).env("KB4SYNC_LOG_LEVEL", "TRACE");
  }

  /** Every file under the folder: config, report, state database with its WAL and lock files. */
  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
