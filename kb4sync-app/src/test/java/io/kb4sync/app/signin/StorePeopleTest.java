package io.kb4sync.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.Person;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StorePeopleTest {
  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  static final char[] PASSWORD = "a long enough password".toCharArray();

  final InMemoryStateStore store = new InMemoryStateStore();
  final StorePeople people = new StorePeople(store, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void the_right_password_answers_the_caller_with_a_ui_trigger_and_records_the_sign_in() {
    people.add("alice", Role.OPERATOR, PASSWORD);

    assertThat(people.checkPassword("alice", PASSWORD))
        .contains(new Caller("alice", Role.OPERATOR, "ui:alice"));
    assertThat(store.account("alice").orElseThrow().lastSignIn()).isEqualTo(NOW);
  }

  @Test
  void only_a_hash_of_the_password_is_stored() {
    people.add("alice", Role.ADMIN, PASSWORD);

    DashboardAccount stored = store.account("alice").orElseThrow();
    assertThat(stored.phcHash()).startsWith("$argon2id$").doesNotContain("long enough");
    assertThat(stored.toString()).doesNotContain(stored.phcHash());
  }

  @Test
  void a_wrong_password_an_unknown_name_a_disabled_account_and_a_bad_name_are_all_empty() {
    people.add("alice", Role.ADMIN, PASSWORD);
    people.add("bob", Role.ADMIN, PASSWORD);
    people.disable("bob");

    assertThat(people.checkPassword("alice", "a long enough passwore".toCharArray())).isEmpty();
    assertThat(people.checkPassword("nobody", PASSWORD)).isEmpty();
    assertThat(people.checkPassword("bob", PASSWORD)).isEmpty();
    assertThat(people.checkPassword("../etc", PASSWORD)).isEmpty();
    assertThat(store.account("alice").orElseThrow().lastSignIn()).isNull();
  }

  @Test
  void an_entra_account_cannot_sign_in_with_a_password() {
    people.signedInWithEntra("carol@contoso.com", Role.VIEWER);

    assertThat(people.checkPassword("carol@contoso.com", PASSWORD)).isEmpty();
  }

  @Test
  void active_answers_the_current_role_and_nothing_once_disabled() {
    people.add("alice", Role.VIEWER, PASSWORD);

    assertThat(people.active("alice")).contains(new Caller("alice", Role.VIEWER, "ui:alice"));
    assertThat(people.disable("alice")).isTrue();
    assertThat(people.active("alice")).isEmpty();
    assertThat(people.active("nobody")).isEmpty();
    assertThat(people.disable("nobody")).isFalse();
  }

  @Test
  void a_name_taken_is_not_added_again() {
    assertThat(people.add("alice", Role.VIEWER, PASSWORD)).isTrue();
    assertThat(people.add("alice", Role.ADMIN, "another long password".toCharArray())).isFalse();

    assertThat(people.checkPassword("alice", PASSWORD)).map(Caller::role).contains(Role.VIEWER);
  }

  @Test
  void an_entra_sign_in_records_the_person_with_their_latest_role_unless_disabled_or_local() {
    assertThat(people.signedInWithEntra("carol@contoso.com", Role.VIEWER))
        .contains(new Caller("carol@contoso.com", Role.VIEWER, "ui:carol@contoso.com"));
    assertThat(people.signedInWithEntra("carol@contoso.com", Role.ADMIN))
        .map(Caller::role)
        .contains(Role.ADMIN);
    people.add("alice", Role.VIEWER, PASSWORD);

    assertThat(people.signedInWithEntra("alice", Role.ADMIN)).isEmpty();
    people.disable("carol@contoso.com");
    assertThat(people.signedInWithEntra("carol@contoso.com", Role.ADMIN)).isEmpty();
  }

  @Test
  void list_shows_every_account_by_name_with_its_source_and_never_a_hash() {
    people.add("zoe", Role.VIEWER, PASSWORD);
    people.signedInWithEntra("carol@contoso.com", Role.OPERATOR);

    assertThat(people.list())
        .containsExactly(
            new Person("carol@contoso.com", Role.OPERATOR, "entra", false, NOW, NOW),
            new Person("zoe", Role.VIEWER, "local", false, NOW, null));
  }
}
