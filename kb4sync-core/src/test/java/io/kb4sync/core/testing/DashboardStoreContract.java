package io.kb4sync.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.DashboardSession;
import io.kb4sync.core.state.StateStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's accounts, sessions and audit log every {@link StateStore} keeps
 * (docs/security.md): the in-memory store here, and SQLite and PostgreSQL in kb4sync-store, run
 * these same tests.
 */
public abstract class DashboardStoreContract {

  protected static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123456Z");
  private static final Instant T0_MS = Instant.parse("2026-11-20T08:00:00.123Z");
  private static final String PHC = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

  /** An empty store that only this test uses. */
  protected abstract StateStore emptyStore();

  private static String hash(char digit) {
    return String.valueOf(digit).repeat(64);
  }

  private static DashboardAccount local(String name, String role) {
    return DashboardAccount.local(name, role, PHC, T0);
  }

  private static DashboardAccount entra(String name, String role) {
    return new DashboardAccount(name, role, DashboardAccount.ENTRA, null, false, T0, null);
  }

  private static DashboardSession session(char digit, String name) {
    return new DashboardSession(hash(digit), name, "operator", T0, T0);
  }

  @Test
  void a_saved_local_account_reads_back_with_its_hash_to_the_millisecond() {
    StateStore store = emptyStore();

    assertThat(store.saveAccount(local("alice", "admin"))).isTrue();

    DashboardAccount expected =
        new DashboardAccount("alice", "admin", "local", PHC, false, T0_MS, null);
    assertThat(store.account("alice")).contains(expected);
    assertThat(store.accounts()).containsExactly(expected);
  }

  @Test
  void a_second_account_of_the_same_name_is_refused_and_the_first_kept() {
    StateStore store = emptyStore();
    store.saveAccount(local("alice", "viewer"));

    assertThat(store.saveAccount(local("alice", "admin"))).isFalse();

    assertThat(store.accounts()).extracting(DashboardAccount::role).containsExactly("viewer");
  }

  @Test
  void accounts_are_listed_by_name_in_code_point_order() {
    StateStore store = emptyStore();
    store.saveAccount(local("zoe", "viewer"));
    store.saveAccount(local("Bob", "viewer"));
    store.saveAccount(local("alice", "viewer"));
    store.putEntraAccount(entra("carol@contoso.com", "viewer"));

    assertThat(store.accounts())
        .extracting(DashboardAccount::name)
        .containsExactly("Bob", "alice", "carol@contoso.com", "zoe");
  }

  @Test
  void an_unknown_name_finds_no_account() {
    StateStore store = emptyStore();
    store.saveAccount(local("alice", "viewer"));

    assertThat(store.account("bob")).isEmpty();
    assertThat(store.disableAccount("bob")).isFalse();
  }

  @Test
  void disabling_an_account_keeps_it_disabled_and_ends_its_sessions_only() {
    StateStore store = emptyStore();
    store.saveAccount(local("alice", "admin"));
    store.saveAccount(local("bob", "admin"));
    store.saveSession(session('a', "alice"));
    store.saveSession(session('b', "alice"));
    store.saveSession(session('c', "bob"));

    assertThat(store.disableAccount("alice")).isTrue();

    assertThat(store.account("alice").orElseThrow().disabled()).isTrue();
    assertThat(store.account("bob").orElseThrow().disabled()).isFalse();
    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(store.session(hash('b'))).isEmpty();
    assertThat(store.session(hash('c'))).isPresent();
  }

  @Test
  void a_sign_in_is_recorded_to_the_millisecond() {
    StateStore store = emptyStore();
    store.saveAccount(local("alice", "admin"));

    store.signedIn("alice", T0.plusSeconds(60));
    store.signedIn("nobody", T0.plusSeconds(60));

    assertThat(store.account("alice").orElseThrow().lastSignIn()).isEqualTo(T0_MS.plusSeconds(60));
    assertThat(store.accounts()).hasSize(1);
  }

  @Test
  void an_entra_account_is_recorded_once_and_takes_its_latest_role_keeping_disabled_and_created() {
    StateStore store = emptyStore();
    assertThat(store.putEntraAccount(entra("carol@contoso.com", "viewer"))).isPresent();
    store.disableAccount("carol@contoso.com");

    DashboardAccount again =
        new DashboardAccount(
            "carol@contoso.com", "admin", "entra", null, false, T0.plusSeconds(3600), null);
    assertThat(store.putEntraAccount(again))
        .contains(
            new DashboardAccount("carol@contoso.com", "admin", "entra", null, true, T0_MS, null));
    assertThat(store.accounts()).hasSize(1);
  }

  @Test
  void an_entra_sign_in_never_takes_over_a_local_account_of_the_same_name() {
    StateStore store = emptyStore();
    store.saveAccount(local("carol@contoso.com", "viewer"));

    assertThat(store.putEntraAccount(entra("carol@contoso.com", "admin"))).isEmpty();

    assertThat(store.account("carol@contoso.com").orElseThrow())
        .extracting(DashboardAccount::source, DashboardAccount::role, DashboardAccount::phcHash)
        .containsExactly("local", "viewer", PHC);
  }

  @Test
  void a_saved_session_reads_back_by_its_hash_and_records_when_it_was_seen() {
    StateStore store = emptyStore();
    store.saveSession(session('a', "alice"));

    store.sessionSeen(hash('a'), T0.plusSeconds(120));
    store.sessionSeen(hash('f'), T0.plusSeconds(120));

    assertThat(store.session(hash('a')))
        .contains(
            new DashboardSession(hash('a'), "alice", "operator", T0_MS, T0_MS.plusSeconds(120)));
    assertThat(store.session(hash('f'))).isEmpty();
  }

  @Test
  void a_second_session_with_the_same_hash_is_refused() {
    StateStore store = emptyStore();
    store.saveSession(session('a', "alice"));

    assertThatThrownBy(() -> store.saveSession(session('a', "bob")))
        .isInstanceOf(RuntimeException.class);

    assertThat(store.session(hash('a')).orElseThrow().name()).isEqualTo("alice");
  }

  @Test
  void a_deleted_session_is_gone_and_the_others_stay() {
    StateStore store = emptyStore();
    store.saveSession(session('a', "alice"));
    store.saveSession(session('b', "alice"));

    store.deleteSession(hash('a'));
    store.deleteSession(hash('f'));

    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(store.session(hash('b'))).isPresent();
  }

  @Test
  void deleting_the_sessions_of_a_name_counts_them() {
    StateStore store = emptyStore();
    store.saveSession(session('a', "alice"));
    store.saveSession(session('b', "alice"));
    store.saveSession(session('c', "bob"));

    assertThat(store.deleteSessionsOf("alice")).isEqualTo(2);
    assertThat(store.deleteSessionsOf("alice")).isZero();
    assertThat(store.session(hash('c'))).isPresent();
  }

  @Test
  void expired_sessions_are_deleted_by_last_seen_or_by_creation() {
    StateStore store = emptyStore();
    store.saveSession(new DashboardSession(hash('a'), "idle", "viewer", T0, T0));
    store.saveSession(new DashboardSession(hash('b'), "old", "viewer", T0, T0.plusSeconds(7200)));
    store.saveSession(
        new DashboardSession(
            hash('c'), "live", "viewer", T0.plusSeconds(3600), T0.plusSeconds(7200)));

    int deleted = store.deleteSessions(T0.plusSeconds(1800), T0.plusSeconds(60));

    assertThat(deleted).isEqualTo(2);
    assertThat(store.session(hash('c'))).isPresent();
    assertThat(store.session(hash('a'))).isEmpty();
    assertThat(store.session(hash('b'))).isEmpty();
  }

  @Test
  void admin_actions_read_back_between_two_times_oldest_first_to_the_millisecond() {
    StateStore store = emptyStore();
    store.recordAdminAction(new AdminEntry(T0.plusSeconds(20), "ui:alice", "pause", "1001", null));
    store.recordAdminAction(new AdminEntry(T0, "ui:alice", "sign_in", null, "local"));
    store.recordAdminAction(
        new AdminEntry(T0.plusSeconds(10), "api:ops", "approve_held", "1002", "fp 3 users"));
    store.recordAdminAction(new AdminEntry(T0.plusSeconds(30), "ui:bob", "sign_in", null, null));

    assertThat(store.adminActions(T0_MS, T0_MS.plusSeconds(30)))
        .containsExactly(
            new AdminEntry(T0_MS, "ui:alice", "sign_in", null, "local"),
            new AdminEntry(T0_MS.plusSeconds(10), "api:ops", "approve_held", "1002", "fp 3 users"),
            new AdminEntry(T0_MS.plusSeconds(20), "ui:alice", "pause", "1001", null));
  }

  @Test
  void admin_actions_of_one_kind_read_back_alone_between_two_times() {
    StateStore store = emptyStore();
    store.recordAdminAction(
        new AdminEntry(T0, "ui:alice", "dismiss_held", "1001", "fingerprint a"));
    store.recordAdminAction(
        new AdminEntry(T0.plusSeconds(5), "ui:x", "sign_in_refused", null, null));
    store.recordAdminAction(
        new AdminEntry(T0.plusSeconds(10), "ui:bob", "dismiss_held", "1002", "fingerprint b"));
    store.recordAdminAction(
        new AdminEntry(T0.plusSeconds(40), "ui:bob", "dismiss_held", "1003", "fingerprint c"));

    assertThat(store.adminActions("dismiss_held", T0_MS, T0_MS.plusSeconds(30)))
        .extracting(AdminEntry::companyId)
        .containsExactly("1001", "1002");
    assertThat(store.adminActions("pause", T0_MS, T0_MS.plusSeconds(60))).isEmpty();
    assertThat(store.adminActions(null, T0_MS, T0_MS.plusSeconds(60))).hasSize(4);
  }

  @Test
  void admin_actions_of_the_same_millisecond_keep_the_order_they_were_recorded_in() {
    StateStore store = emptyStore();
    store.recordAdminAction(new AdminEntry(T0, "ui:alice", "sign_in", null, null));
    store.recordAdminAction(new AdminEntry(T0, "ui:alice", "pause", "1001", null));
    store.recordAdminAction(new AdminEntry(T0, "ui:alice", "resume", "1001", null));

    assertThat(store.adminActions(T0_MS, T0_MS.plusSeconds(1)))
        .extracting(AdminEntry::action)
        .containsExactly("sign_in", "pause", "resume");
  }

  @Test
  void the_newest_admin_actions_read_back_newest_first_at_most_the_limit_asked_for() {
    StateStore store = emptyStore();
    store.recordAdminAction(new AdminEntry(T0.plusSeconds(20), "ui:alice", "pause", "1001", null));
    store.recordAdminAction(new AdminEntry(T0, "ui:alice", "sign_in", null, "local"));
    store.recordAdminAction(new AdminEntry(T0.plusSeconds(30), "ui:bob", "sign_in", null, null));
    store.recordAdminAction(new AdminEntry(T0.plusSeconds(30), "ui:bob", "resume", "1001", null));
    store.recordAdminAction(
        new AdminEntry(T0.plusSeconds(10), "api:ops", "approve_held", "1002", "fp 3 users"));

    assertThat(store.newestAdminActions(null, 3))
        .containsExactly(
            new AdminEntry(T0_MS.plusSeconds(30), "ui:bob", "resume", "1001", null),
            new AdminEntry(T0_MS.plusSeconds(30), "ui:bob", "sign_in", null, null),
            new AdminEntry(T0_MS.plusSeconds(20), "ui:alice", "pause", "1001", null));
    assertThat(store.newestAdminActions("sign_in", 10))
        .extracting(AdminEntry::actor)
        .containsExactly("ui:bob", "ui:alice");
    assertThat(store.newestAdminActions("dismiss_held", 10)).isEmpty();
    assertThat(store.newestAdminActions(null, 10)).hasSize(5);
  }
}
