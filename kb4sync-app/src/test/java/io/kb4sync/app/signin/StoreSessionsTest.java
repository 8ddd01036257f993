package io.kb4sync.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.Session;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreSessionsTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final Caller ALICE = StorePeople.caller("alice", Role.ADMIN);

  final InMemoryStateStore store = new InMemoryStateStore();
  final StoreSessions sessions =
      new StoreSessions(store, Duration.ofMinutes(30), Duration.ofHours(12));

  @Test
  void an_opened_session_has_a_256_bit_base64url_id_stored_only_as_its_hash() {
    Session session = sessions.open(ALICE, T0);

    assertThat(session.id()).matches("[A-Za-z0-9_-]{43}");
    assertThat(store.session(StoreTokens.hash(session.id()))).isPresent();
    assertThat(session.toString()).doesNotContain(session.id(), session.csrfToken());
    assertThat(sessions.find(session.id(), T0)).contains(session);
  }

  @Test
  void two_sessions_never_share_an_id_or_a_csrf_token() {
    Session one = sessions.open(ALICE, T0);
    Session two = sessions.open(ALICE, T0);

    assertThat(one.id()).isNotEqualTo(two.id());
    assertThat(one.csrfToken()).isNotEqualTo(two.csrfToken()).isNotEqualTo(one.id());
  }

  @Test
  void a_session_idle_for_the_idle_timeout_ends_and_one_used_within_it_lives_on() {
    Session session = sessions.open(ALICE, T0);

    assertThat(sessions.find(session.id(), T0.plus(Duration.ofMinutes(29)))).isPresent();
    assertThat(sessions.find(session.id(), T0.plus(Duration.ofMinutes(58)))).isPresent();
    assertThat(sessions.find(session.id(), T0.plus(Duration.ofMinutes(88)))).isEmpty();
    assertThat(store.session(StoreTokens.hash(session.id()))).isEmpty();
  }

  @Test
  void a_session_in_use_ends_at_the_absolute_timeout() {
    Session session = sessions.open(ALICE, T0);
    for (int minutes = 20; minutes < 12 * 60; minutes += 20) {
      assertThat(sessions.find(session.id(), T0.plus(Duration.ofMinutes(minutes)))).isPresent();
    }

    assertThat(sessions.find(session.id(), T0.plus(Duration.ofHours(12)))).isEmpty();
  }

  @Test
  void last_seen_is_written_at_most_once_a_minute() {
    Session session = sessions.open(ALICE, T0);
    String hash = StoreTokens.hash(session.id());

    sessions.find(session.id(), T0.plusSeconds(59));
    assertThat(store.session(hash).orElseThrow().lastSeen()).isEqualTo(T0);
    sessions.find(session.id(), T0.plusSeconds(60));
    assertThat(store.session(hash).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void a_closed_session_and_the_sessions_of_a_person_closed_all_at_once_are_gone() {
    Session one = sessions.open(ALICE, T0);
    Session two = sessions.open(ALICE, T0);
    Session bob = sessions.open(StorePeople.caller("bob", Role.VIEWER), T0);

    sessions.close(one.id());
    assertThat(sessions.find(one.id(), T0)).isEmpty();
    assertThat(sessions.find(two.id(), T0)).isPresent();

    sessions.closeAllOf("alice");
    assertThat(sessions.find(two.id(), T0)).isEmpty();
    assertThat(sessions.find(bob.id(), T0)).isPresent();
  }

  @Test
  void an_id_of_the_wrong_shape_or_unknown_finds_nothing() {
    sessions.open(ALICE, T0);

    assertThat(sessions.find(null, T0)).isEmpty();
    assertThat(sessions.find("", T0)).isEmpty();
    assertThat(sessions.find("x".repeat(43), T0)).isEmpty();
    assertThat(sessions.find("x".repeat(4000), T0)).isEmpty();
  }

  @Test
  void opening_a_session_deletes_the_expired_ones() {
    Session old = sessions.open(ALICE, T0);

    sessions.open(ALICE, T0.plus(Duration.ofHours(1)));

    assertThat(store.session(StoreTokens.hash(old.id()))).isEmpty();
  }
}
