package io.kb4sync.core.report;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentTest {

  @Test
  void a_config_path_with_spaces_is_quoted_for_the_shell() {
    assertThat(Consent.command("/srv/My Configs/it's.yaml", "1001"))
        .isEqualTo(
            "kb4sync sync --config '/srv/My Configs/it'\\''s.yaml' --company 1001"
                + " --remove-stale-users --allow-mass-archive");
  }

  @Test
  void an_unknown_config_path_is_a_placeholder_left_unquoted() {
    assertThat(Consent.command(null, "acme corp"))
        .startsWith("kb4sync sync --config <config.yaml> --company 'acme corp' ");
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
    assertThat(Consent.neededBy(overThreshold)).isTrue();
    assertThat(nobodyInScope.stagedArchives()).hasSize(8);
    assertThat(Consent.neededBy(nobodyInScope)).isFalse();
  }
}
