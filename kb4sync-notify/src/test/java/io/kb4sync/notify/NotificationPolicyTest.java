package io.kb4sync.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

  @Test
  void the_default_is_on_issues() {
    assertThat(NotificationPolicy.DEFAULT).isEqualTo(NotificationPolicy.ON_ISSUES);
    assertThat(NotificationPolicy.fromConfig(null)).isEqualTo(NotificationPolicy.ON_ISSUES);
  }

  @Test
  void failures_and_guard_holds_notify_under_every_policy() {
    for (NotificationPolicy policy : NotificationPolicy.values()) {
      assertThat(policy.shouldNotify(TestReports.quiet().failed("boom").build())).isTrue();
      assertThat(policy.shouldNotify(TestReports.quiet().staged(6, TestReports.MASS_GUARD).build()))
          .isTrue();
    }
  }

  @Test
  void on_issues_skips_a_run_that_only_changed_users() {
    assertThat(
            NotificationPolicy.ON_ISSUES.shouldNotify(
                TestReports.quiet().created("a@x", "A", "B").build()))
        .isFalse();
    assertThat(
            NotificationPolicy.ON_ISSUES.shouldNotify(
                TestReports.quiet().error("a@x", "create", "boom").build()))
        .isTrue();
  }

  @Test
  void on_changes_sends_changes_and_issues_but_not_a_quiet_run() {
    assertThat(NotificationPolicy.ON_CHANGES.shouldNotify(TestReports.quiet().build())).isFalse();
    assertThat(
            NotificationPolicy.ON_CHANGES.shouldNotify(
                TestReports.quiet().memberships(1, 0).build()))
        .isTrue();
    assertThat(NotificationPolicy.ON_CHANGES.shouldNotify(TestReports.quiet().conflict().build()))
        .isTrue();
  }

  @Test
  void always_sends_a_quiet_run() {
    assertThat(NotificationPolicy.ALWAYS.shouldNotify(TestReports.quiet().build())).isTrue();
  }

  @Test
  void config_values_are_read_in_snake_case_and_unknown_ones_are_refused() {
    assertThat(NotificationPolicy.fromConfig("on_changes"))
        .isEqualTo(NotificationPolicy.ON_CHANGES);
    assertThat(NotificationPolicy.fromConfig("On-Issues")).isEqualTo(NotificationPolicy.ON_ISSUES);
    assertThat(NotificationPolicy.ALWAYS.configName()).isEqualTo("always");
    assertThatThrownBy(() -> NotificationPolicy.fromConfig("sometimes"))
        .hasMessageContaining("always, on_changes or on_issues");
  }
}
