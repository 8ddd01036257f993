package io.kb4sync.core.audit;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.SyncListener;
import io.kb4sync.core.sync.SyncOptions;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import java.time.Clock;
import java.time.Instant;

/**
 * One audit of one company: lock, read everything exactly as a sync reads it, plan the next sync as
 * a dry run, and find the drift. Read-only: of the {@link TrainingPlatform} only {@link
 * TrainingPlatform#read()} is called, and nothing is committed to the state store (the caller
 * records the run in the history).
 *
 * <p>The company's lock is taken like a sync takes it, so an audit never reads an account that a
 * sync is halfway through changing; a locked company makes the audit fail (exit 1).
 */
public final class AuditService {
  private final StateStore store;
  private final Clock clock;
  private final SyncListener listener;

  public AuditService(StateStore store, Clock clock, SyncListener listener) {
    this.store = store;
    this.clock = clock;
    this.listener = listener;
  }

  public AuditRun run(
      AuditContext context,
      SyncOptions options,
      DirectorySource directory,
      TrainingPlatform platform) {
    Instant startedAt = clock.instant();
    CompanyLock lock;
    try {
      lock = store.lock(context.companyId());
    } catch (CompanyLockedException e) {
      return failed(context, startedAt, "lock", e.getMessage());
    }
    try {
      return locked(context, options, directory, platform, startedAt);
    } finally {
      lock.close();
    }
  }

  private AuditRun locked(
      AuditContext context,
      SyncOptions options,
      DirectorySource directory,
      TrainingPlatform platform,
      Instant startedAt) {
    DirectorySnapshot tenant;
    TrainingSnapshot account;
    try {
      listener.phase(context.companyId(), "read Microsoft 365", "");
      tenant = directory.read();
      if (!tenant.complete()) {
        return failed(
            context,
            startedAt,
            "read Microsoft 365",
            "the Microsoft 365 read came back incomplete");
      }
      listener.phase(
          context.companyId(), "read KnowBe4", tenant.users().size() + " Microsoft 365 users read");
      account = platform.read();
    } catch (RemoteException e) {
      return failed(context, startedAt, "read " + e.system(), e.getMessage());
    }
    CompanyState state = store.load(context.companyId());
    listener.phase(context.companyId(), "audit", account.users().size() + " KnowBe4 users read");
    AuditReport report = Auditor.audit(context, startedAt, tenant, account, state, options);
    return new AuditRun(report, startedAt, clock.instant());
  }

  private AuditRun failed(
      AuditContext context, Instant startedAt, String operation, String message) {
    return new AuditRun(
        Auditor.failed(context, startedAt, operation, message), startedAt, clock.instant());
  }
}
