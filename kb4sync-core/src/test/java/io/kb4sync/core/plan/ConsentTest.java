package io.kb4sync.core.plan;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.report.Report;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentTest {

  @Test
  void a_config_path_with_spaces_is_quoted_for_the_shell_and_the_count_is_carried() {
    assertThat(Consent.command("/srv/My Configs/it's.yaml", "1001", 7))
        .isEqualTo(
            "kb4sync sync --config '/srv/My Configs/it'\\''s.yaml' --company 1001"
                + " --remove-stale-users --allow-mass-archive=7");
  }

  @Test
  void an_unknown_config_path_is_a_quoted_placeholder() {
    assertThat(Consent.command(null, "acme corp", 3))
        .startsWith("kb4sync sync --config '<config.yaml>' --company 'acme corp' ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$(touch /tmp/kb4sync-pwned)",
        "`touch /tmp/kb4sync-pwned`",
        "it's; touch /tmp/kb4sync-pwned",
        "a\"b\\c $HOME *",
        "Zürich & Søn — 東京",
        "line\nbreak",
        "'",
        ""
      })
  void the_consent_command_pasted_into_a_posix_shell_runs_nothing_but_kb4sync(String hostile)
      throws IOException, InterruptedException {
    String command = Consent.command("/etc/" + hostile + "/kb4sync.yaml", hostile, 12);

    // kb4sync is replaced by a function that prints its arguments one per line, NUL-terminated.
    List<String> argv =
        shell("kb4sync() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }; " + command);

    assertThat(argv)
        .containsExactly(
            "sync",
            "--config",
            "/etc/" + hostile + "/kb4sync.yaml",
            "--company",
            hostile,
            "--remove-stale-users",
            "--allow-mass-archive=12");
  }

  @Test
  void archives_held_by_the_threshold_need_consent_and_those_held_for_no_in_scope_users_do_not() {
    List<People.Kb4> users = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      users.add(kb4("u" + i));
    }
    Report overThreshold =
        new Scenario(tenant(m365("u0")), account(users, List.of()))
            .sync(options().removeStaleUsers().build())
            .report();
    Report nobodyInScope =
        new Scenario(tenant(m365("u0").licenses()), account(users, List.of()))
            .sync(options().removeStaleUsers().build())
            .report();

    assertThat(overThreshold.stagedArchives()).hasSize(7);
    assertThat(overThreshold.needsConsent()).isTrue();
    assertThat(overThreshold.stagedArchivesFingerprint()).hasSize(64);
    assertThat(nobodyInScope.stagedArchives()).hasSize(8);
    assertThat(nobodyInScope.needsConsent()).isFalse();
    assertThat(nobodyInScope.stagedArchivesFingerprint()).isNull();
  }

  @Test
  void the_fingerprint_depends_on_the_held_ids_and_not_on_their_order() {
    PlannedArchive a = new PlannedArchive("id-a", "a@x", "No longer in M365", null);
    PlannedArchive b = new PlannedArchive("id-b", "b@x", "No longer licensed", Instant.EPOCH);
    PlannedArchive c = new PlannedArchive("id-c", "c@x", "No longer in M365", null);

    assertThat(Consent.fingerprint(List.of(a, b))).isEqualTo(Consent.fingerprint(List.of(b, a)));
    assertThat(Consent.fingerprint(List.of(a, b))).isNotEqualTo(Consent.fingerprint(List.of(a, c)));
    assertThat(Consent.fingerprint(List.of(a))).isNotEqualTo(Consent.fingerprint(List.of(a, b)));
  }

  private static List<String> shell(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).isZero();
    String text = new String(out, StandardCharsets.UTF_8);
    List<String> words = new ArrayList<>(List.of(text.split("\0", -1)));
    words.remove(words.size() - 1); // after the last NUL
    return words;
  }
}
