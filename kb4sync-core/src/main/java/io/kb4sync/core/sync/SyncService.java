package io.kb4sync.core.sync;

import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.execute.ExecutionResult;
import io.kb4sync.core.execute.Executor;
import io.kb4sync.core.execute.WriteGate;
import io.kb4sync.core.plan.PlannedLink;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.plan.UserRef;
import io.kb4sync.core.plan.WriteCheck;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.report.Reports;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.StateChanges;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One sync of one company, as the contract tells it: lock, read everything, plan, apply (unless a
 * dry run), store links, report. A read that fails or comes back incomplete ends the run before
 * anything is written.
 */
public final class SyncService {
  /** The KnowBe4 id of a provisional link: no KnowBe4 user has it, so its email is used. */
  static final String PENDING = "pending-create:";

  private final StateStore store;
  private final Clock clock;
  private final SyncListener listener;
  private final WriteGate stop;

  public SyncService(StateStore store, Clock clock, SyncListener listener) {
    this(store, clock, listener, WriteGate.OPEN);
  }

  /**
   * @param stop closes when the process is asked to stop (e.g. a {@link StopSignal}): the run sends
   *     no new write and reports what it did
   */
  public SyncService(StateStore store, Clock clock, SyncListener listener, WriteGate stop) {
    this.store = store;
    this.clock = clock;
    this.listener = listener;
    this.stop = stop;
  }

  public SyncResult run(
      Company company, SyncOptions options, DirectorySource directory, TrainingPlatform platform) {
    Instant startedAt = clock.instant();
    return new CompanyRead(store, listener, stop)
        .run(
            company.companyId(),
            directory,
            platform,
            new CompanyRead.Work<>() {
              @Override
              public SyncResult with(CompanyRead.Snapshots snapshots) {
                return sync(company, options, platform, snapshots, startedAt);
              }

              @Override
              public SyncResult failed(CompanyRead.Failure failure) {
                return SyncService.this.failed(
                    company, options, startedAt, failure.operation(), failure.message());
              }
            });
  }

  private SyncResult sync(
      Company company,
      SyncOptions options,
      TrainingPlatform platform,
      CompanyRead.Snapshots snapshots,
      Instant startedAt) {
    TrainingSnapshot account = snapshots.account();
    WriteCheck writes;
    try {
      // The writes of earlier runs, checked against this read: no request is sent for it.
      writes = WriteCheck.of(store.pendingWrites(company.companyId()), account, clock.instant());
    } catch (RuntimeException e) {
      return failed(company, options, startedAt, "read the state store", CompanyRead.oneLine(e));
    }
    SyncPlan plan = Planner.plan(snapshots.tenant(), account, snapshots.state(), options, writes);
    listener.phase(
        company.companyId(),
        "plan",
        account.users().size()
            + " KnowBe4 users read; "
            + plan.creates().size()
            + " to create, "
            + plan.updates().size()
            + " to update, "
            + plan.archives().size()
            + " to archive");
    ExecutionResult result;
    if (options.dryRun()) {
      result = ExecutionResult.planned(plan);
    } else {
      try {
        store.commit(
            company.companyId(),
            new StateChanges(provisionalLinks(plan, startedAt), plan.managedGroups()));
      } catch (RuntimeException e) {
        return failed(
            company, options, startedAt, "store links before writing", CompanyRead.oneLine(e));
      }
      WriteGate lock = lockGate(snapshots.lock());
      result =
          new Executor(
                  platform,
                  options.writeConcurrency(),
                  (phase, count) ->
                      listener.phase(company.companyId(), phase, count + " operations"),
                  lock.and(stop))
              .apply(plan);
      result = storeLinks(company, plan, result, startedAt, lock);
    }
    Report report = Reports.of(company, plan, result, options.dryRun(), startedAt);
    return new SyncResult(report, plan, startedAt, clock.instant());
  }

  /**
   * Stores the links of what was done, also after a stop signal. Not when the lock was lost
   * (another run may own the company now), and a store that refuses the commit does not undo the
   * writes: either way the run is interrupted, and the provisional links stored before the writes
   * let the next run find every user created here by the email it was created with: never a second
   * user.
   */
  private ExecutionResult storeLinks(
      Company company, SyncPlan plan, ExecutionResult result, Instant startedAt, WriteGate lock) {
    String lost = lock.checkNow();
    if (lost != null) {
      return result
          .interruptedBecause(lost)
          .interruptedBecause("the links of this run were not stored");
    }
    List<Link> links = links(plan, result, startedAt);
    Set<String> failedCreates = new HashSet<>();
    plan.creates().forEach(c -> failedCreates.add(c.m365Id()));
    links.forEach(l -> failedCreates.remove(l.m365Id()));
    try {
      store.commit(
          company.companyId(), new StateChanges(links, failedCreates, plan.managedGroups()));
      // What this run sent, for the next run to see applied (WriteCheck).
      store.replacePendingWrites(
          company.companyId(), SentWrites.next(plan, result, clock.instant()));
    } catch (RuntimeException e) {
      return result.interruptedBecause(
          "the state store refused the final commit: " + CompanyRead.oneLine(e));
    }
    return result;
  }

  /** The company lock as a gate: closed once the lock is lost. */
  private static WriteGate lockGate(CompanyLock lock) {
    return new WriteGate() {
      @Override
      public String closedBecause() {
        String lost = lock.lost();
        return lost == null ? null : "the company lock was lost: " + lost;
      }

      @Override
      public String checkNow() {
        String lost = lock.checkNow();
        return lost == null ? null : "the company lock was lost: " + lost;
      }
    };
  }

  /**
   * Before any create is sent, each user to be created is remembered under the email it is created
   * with. Should the run be killed before it stores the real links, the next run finds the user by
   * that email (a link whose KnowBe4 id is unknown falls back to its email), even when the mailbox
   * was renamed meanwhile: an update of the same KnowBe4 user, never archive + create.
   */
  private static List<Link> provisionalLinks(SyncPlan plan, Instant seenAt) {
    List<Link> links = new ArrayList<>();
    for (PlannedLink planned : plan.links()) {
      if (planned.user() instanceof UserRef.Created created) {
        links.add(new Link(planned.m365Id(), PENDING + created.m365Id(), planned.email(), seenAt));
      }
    }
    return links;
  }

  /** Links of matched users, and of created users whose create succeeded. */
  private static List<Link> links(SyncPlan plan, ExecutionResult result, Instant seenAt) {
    List<Link> links = new ArrayList<>(plan.links().size());
    for (PlannedLink planned : plan.links()) {
      String knowbe4Id = result.resolve(planned.user());
      if (knowbe4Id != null) {
        links.add(new Link(planned.m365Id(), knowbe4Id, planned.email(), seenAt));
      }
    }
    return links;
  }

  private SyncResult failed(
      Company company, SyncOptions options, Instant startedAt, String operation, String message) {
    Report report = Reports.failed(company, options.dryRun(), startedAt, operation, message);
    return new SyncResult(report, null, startedAt, clock.instant());
  }
}
