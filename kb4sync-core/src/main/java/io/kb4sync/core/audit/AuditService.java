package io.kb4sync.core.audit;

import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.execute.WriteGate;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.CompanyRead;
import io.kb4sync.core.sync.SyncListener;
import io.kb4sync.core.training.TrainingPlatform;
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
  private final WriteGate stop;

  public AuditService(StateStore store, Clock clock, SyncListener listener) {
    this(store, clock, listener, WriteGate.OPEN);
  }

  /**
   * @param stop closes when the process is told to stop: an audit still reading fails at once (see
   *     {@link CompanyRead#STOP})
   */
  public AuditService(StateStore store, Clock clock, SyncListener listener, WriteGate stop) {
    this.store = store;
    this.clock = clock;
    this.listener = listener;
    this.stop = stop;
  }

  public AuditRun run(
      Company context, SyncOptions options, DirectorySource directory, TrainingPlatform platform) {
    Instant startedAt = clock.instant();
    return new CompanyRead(store, listener, stop)
        .run(
            context.companyId(),
            directory,
            platform,
            new CompanyRead.Work<>() {
              @Override
              public AuditRun with(CompanyRead.Snapshots s) {
                listener.phase(
                    context.companyId(),
                    "audit",
                    s.account().users().size() + " KnowBe4 users read");
                AuditReport report =
                    Auditor.audit(context, startedAt, s.tenant(), s.account(), s.state(), options);
                return new AuditRun(report, startedAt, clock.instant());
              }

              @Override
              public AuditRun failed(CompanyRead.Failure failure) {
                return AuditService.this.failed(
                    context, startedAt, failure.operation(), failure.message());
              }
            });
  }

  private AuditRun failed(Company context, Instant startedAt, String operation, String message) {
    return new AuditRun(
        Auditor.failed(context, startedAt, operation, message), startedAt, clock.instant());
  }
}
