package io.kb4sync.core.audit;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.sync.SyncListener;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.testing.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuditServiceTest {
  static final Company ACME = new Company("1001", "Acme Corp", "kb4sync.yaml");
  final InMemoryStateStore store = new InMemoryStateStore();
  final AuditService service =
      new AuditService(
          store,
          Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC),
          SyncListener.none());

  @Test
  void an_audit_full_of_drift_writes_nothing_to_knowbe4_and_stores_no_link() {
    InMemoryPlatform platform =
        InMemoryPlatform.of(
            account(kb4("ann").department("Old"), kb4("gone"), kb4("ret").archived()));
    DirectorySnapshot tenant = tenant(m365("ann"), m365("bob"), m365("ret"));

    AuditRun run = service.run(ACME, SyncOptions.defaults(), () -> tenant, platform);

    AuditSchema.assertValid(run.report());
    assertThat(run.exitCode()).isZero();
    assertThat(run.report().findings()).isNotEmpty();
    assertThat(platform.writes()).isEmpty();
    assertThat(store.commits()).isZero();
    assertThat(store.load("1001").links()).isEmpty();
  }

  @Test
  void a_failed_read_ends_the_audit_with_exit_1_naming_the_system_and_its_message() {
    InMemoryPlatform platform =
        InMemoryPlatform.of(account())
            .failRead(
                new RemoteException(
                    RemoteException.Kind.UNAUTHORIZED, "KnowBe4 SCIM", "401 check the token"));

    AuditRun run = service.run(ACME, SyncOptions.defaults(), () -> tenant(m365("ann")), platform);

    AuditSchema.assertValid(run.report());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.report().errors())
        .containsExactly(new AuditReport.ErrorEntry("read KnowBe4 SCIM", "401 check the token"));
  }

  @Test
  void an_incomplete_microsoft_365_read_ends_the_audit_before_knowbe4_is_read() {
    DirectorySnapshot partial =
        new DirectorySnapshot(
            "t", java.util.List.of(), java.util.Set.of(), java.util.Set.of(), false);
    InMemoryPlatform platform =
        InMemoryPlatform.of(account())
            .failRead(new RemoteException(RemoteException.Kind.UNAVAILABLE, "KnowBe4 SCIM", "x"));

    AuditRun run = service.run(ACME, SyncOptions.defaults(), () -> partial, platform);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.report().errors().get(0).message())
        .isEqualTo("the Microsoft 365 read came back incomplete");
    assertThat(run.report().complete()).isFalse();
  }

  @Test
  void a_company_locked_by_a_running_sync_is_not_audited() {
    InMemoryPlatform platform = InMemoryPlatform.of(account(kb4("ann")));
    try (CompanyLock held = store.lock("1001")) {
      AuditRun run = service.run(ACME, SyncOptions.defaults(), () -> tenant(m365("ann")), platform);

      assertThat(held).isNotNull();
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.report().errors().get(0).operation()).isEqualTo("lock");
    }
  }
}
