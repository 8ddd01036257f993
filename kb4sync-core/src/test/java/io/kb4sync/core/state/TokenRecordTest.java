package io.kb4sync.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRecordTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final String HASH = "0123456789abcdef".repeat(4);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ci",
        "Grafana-prod",
        "a",
        "backup_2026.11",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void names_of_letters_digits_dots_underscores_and_dashes_are_valid(String name) {
    assertThat(new TokenRecord(name, "viewer", HASH, T0, null, null).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-ci",
        ".ci",
        "ci token",
        "ci/prod",
        "tëst",
        "ci\n",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void other_names_are_refused(String name) {
    assertThatThrownBy(() -> new TokenRecord(name, "viewer", HASH, T0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_role_other_than_viewer_operator_or_admin_and_a_malformed_hash_are_refused() {
    assertThatThrownBy(() -> new TokenRecord("ci", "root", HASH, T0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenRecord("ci", "viewer", HASH.toUpperCase(), T0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenRecord("ci", "viewer", "abc", T0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_token_has_expired_from_its_expiry_on_and_never_without_one() {
    TokenRecord expiring = new TokenRecord("ci", "viewer", HASH, T0, T0.plusSeconds(60), null);
    TokenRecord forever = new TokenRecord("ci", "viewer", HASH, T0, null, null);

    assertThat(expiring.expiredAt(T0.plusSeconds(59))).isFalse();
    assertThat(expiring.expiredAt(T0.plusSeconds(60))).isTrue();
    assertThat(forever.expiredAt(Instant.MAX)).isFalse();
  }

  @Test
  void its_text_never_shows_the_hash() {
    assertThat(new TokenRecord("ci", "viewer", HASH, T0, null, null).toString())
        .contains("ci")
        .doesNotContain(HASH);
  }
}
