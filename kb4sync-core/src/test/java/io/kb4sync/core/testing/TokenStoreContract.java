package io.kb4sync.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TokenRecord;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The API tokens every {@link StateStore} keeps (docs/api.md): the in-memory store here, and SQLite
 * and PostgreSQL in kb4sync-store, run these same tests.
 */
public abstract class TokenStoreContract {

  protected static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123456Z");

  /** An empty store that only this test uses. */
  protected abstract StateStore emptyStore();

  /** A hash made of one repeated hex digit: distinct per digit, valid in shape. */
  protected static String hash(char digit) {
    return String.valueOf(digit).repeat(64);
  }

  protected static TokenRecord token(String name, String role, char hashDigit) {
    return new TokenRecord(name, role, hash(hashDigit), T0, null, null);
  }

  @Test
  void a_saved_token_reads_back_by_its_hash_and_in_the_list_to_the_millisecond() {
    StateStore store = emptyStore();
    TokenRecord token =
        new TokenRecord("ci", "operator", hash('a'), T0, T0.plusSeconds(86_400), null);

    assertThat(store.saveToken(token)).isTrue();

    TokenRecord expected =
        new TokenRecord(
            "ci",
            "operator",
            hash('a'),
            Instant.parse("2026-11-20T08:00:00.123Z"),
            Instant.parse("2026-11-21T08:00:00.123Z"),
            null);
    assertThat(store.tokenByHash(hash('a'))).contains(expected);
    assertThat(store.tokens()).containsExactly(expected);
  }

  @Test
  void a_token_without_expiry_keeps_a_null_expiry_and_a_null_last_use() {
    StateStore store = emptyStore();

    store.saveToken(token("grafana", "viewer", 'b'));

    TokenRecord read = store.tokenByHash(hash('b')).orElseThrow();
    assertThat(read.expires()).isNull();
    assertThat(read.lastUsed()).isNull();
  }

  @Test
  void a_second_token_of_the_same_name_is_refused_and_the_first_kept() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));

    assertThat(store.saveToken(token("ci", "admin", 'b'))).isFalse();

    assertThat(store.tokens()).extracting(TokenRecord::role).containsExactly("viewer");
    assertThat(store.tokenByHash(hash('b'))).isEmpty();
  }

  @Test
  void a_token_whose_hash_is_already_stored_is_refused() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));

    assertThatThrownBy(() -> store.saveToken(token("other", "viewer", 'a')))
        .isInstanceOf(RuntimeException.class);

    assertThat(store.tokens()).extracting(TokenRecord::name).containsExactly("ci");
  }

  @Test
  void tokens_are_listed_by_name() {
    StateStore store = emptyStore();
    store.saveToken(token("zabbix", "viewer", '1'));
    store.saveToken(token("Ansible", "admin", '2'));
    store.saveToken(token("ci", "operator", '3'));
    store.saveToken(token("ci-2", "operator", '4'));

    assertThat(store.tokens())
        .extracting(TokenRecord::name)
        .containsExactly("Ansible", "ci", "ci-2", "zabbix");
  }

  @Test
  void an_unknown_hash_finds_no_token() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));

    assertThat(store.tokenByHash(hash('f'))).isEqualTo(Optional.empty());
  }

  @Test
  void a_revoked_token_is_gone_from_the_list_and_finds_nothing_by_its_hash() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));
    store.saveToken(token("grafana", "viewer", 'b'));

    assertThat(store.revokeToken("ci")).isTrue();

    assertThat(store.tokenByHash(hash('a'))).isEmpty();
    assertThat(store.tokens()).extracting(TokenRecord::name).containsExactly("grafana");
    assertThat(store.revokeToken("ci")).isFalse();
  }

  @Test
  void revoking_an_unknown_name_changes_nothing() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));

    assertThat(store.revokeToken("nobody")).isFalse();

    assertThat(store.tokens()).hasSize(1);
  }

  @Test
  void a_use_is_recorded_as_the_last_use_to_the_millisecond() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));

    store.tokenUsed("ci", T0.plusSeconds(60));
    store.tokenUsed("nobody", T0.plusSeconds(60));

    assertThat(store.tokenByHash(hash('a')).orElseThrow().lastUsed())
        .isEqualTo(Instant.parse("2026-11-20T08:01:00.123Z"));
    assertThat(store.tokens()).hasSize(1);
  }

  @Test
  void a_token_revoked_and_made_again_under_its_name_is_a_new_token() {
    StateStore store = emptyStore();
    store.saveToken(token("ci", "viewer", 'a'));
    store.revokeToken("ci");

    assertThat(store.saveToken(token("ci", "admin", 'b'))).isTrue();

    assertThat(store.tokenByHash(hash('a'))).isEmpty();
    assertThat(store.tokenByHash(hash('b')).orElseThrow().role()).isEqualTo("admin");
  }
}
