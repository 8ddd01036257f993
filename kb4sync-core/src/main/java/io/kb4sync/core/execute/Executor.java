package io.kb4sync.core.execute;

import io.kb4sync.core.plan.MembershipChange;
import io.kb4sync.core.plan.PlannedArchive;
import io.kb4sync.core.plan.PlannedCreate;
import io.kb4sync.core.plan.PlannedManager;
import io.kb4sync.core.plan.PlannedRestore;
import io.kb4sync.core.plan.PlannedUpdate;
import io.kb4sync.core.plan.StaleAction;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.plan.UserRef;
import io.kb4sync.core.remote.Causes;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a plan through the {@link TrainingPlatform} in a safe order: missing groups, creates and
 * restores, attribute updates, managers (after every user they may point to exists), memberships,
 * archives last. One failed operation never stops the others; every outcome is recorded.
 */
public final class Executor {
  private static final int MEMBERS_PER_REQUEST = 100;

  private final TrainingPlatform platform;
  private final int parallelism;
  private final ProgressListener progress;
  private final WriteGate gate;

  /** Told how far the execution got; for progress lines on long runs. */
  public interface ProgressListener {
    void phase(String name, int operations);

    static ProgressListener none() {
      return (name, operations) -> {};
    }
  }

  public Executor(TrainingPlatform platform, int parallelism, ProgressListener progress) {
    this(platform, parallelism, progress, WriteGate.OPEN);
  }

  /**
   * @param gate asked before each phase and each write; once closed, nothing more is sent
   */
  public Executor(
      TrainingPlatform platform, int parallelism, ProgressListener progress, WriteGate gate) {
    this.platform = platform;
    this.parallelism = parallelism;
    this.progress = progress;
    this.gate = gate;
  }

  public ExecutionResult apply(SyncPlan plan) {
    Outcomes outcomes = new Outcomes();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads());
    try {
      Map<String, String> groupIds = new ConcurrentHashMap<>();
      run(
          pool,
          outcomes,
          "create groups",
          plan.groupsToCreate(),
          name -> createGroup(name, groupIds, outcomes));
      createUsers(pool, plan.creates(), plan.recheckedCreates(), outcomes);
      run(pool, outcomes, "restore users", plan.restores(), restore -> restore(restore, outcomes));
      run(pool, outcomes, "update users", plan.updates(), update -> update(update, outcomes));
      run(pool, outcomes, "set managers", plan.managers(), manager -> manager(manager, outcomes));
      run(
          pool,
          outcomes,
          "add to groups",
          batches(plan.groupAdditions()),
          b -> members(b, true, groupIds, outcomes));
      run(
          pool,
          outcomes,
          "remove from groups",
          batches(plan.groupRemovals()),
          b -> members(b, false, groupIds, outcomes));
      run(
          pool,
          outcomes,
          "archive users",
          plan.archives(),
          archive -> archive(archive, plan.staleAction(), outcomes));
    } finally {
      pool.shutdownNow();
    }
    return outcomes.result();
  }

  private void createGroup(String name, Map<String, String> groupIds, Outcomes outcomes) {
    String key = Operations.group(name);
    try {
      TrainingGroup group = platform.createGroup(name);
      groupIds.put(name.toLowerCase(Locale.ROOT), group.id());
      outcomes.succeeded(key);
    } catch (RuntimeException e) {
      outcomes.failed(null, "create group " + name, e);
    }
  }

  /**
   * Creates users, managers before the people they manage, so each create carries its manager and
   * needs no second write. There are no waves: a create goes as soon as a writer is free and its
   * manager's create (if the manager is new too) has ended, so writes stay at the in-flight bound
   * however deep the hierarchy. Users whose managers form a cycle among new users (and the people
   * under them) are created without a manager and get it set once all creates have ended.
   */
  private void createUsers(
      ExecutorService pool, List<PlannedCreate> creates, Set<String> rechecked, Outcomes outcomes) {
    if (creates.isEmpty() || outcomes.stopped()) {
      return;
    }
    String closed = gate.checkNow();
    if (closed != null) {
      outcomes.stop(closed);
      return;
    }
    Map<String, PlannedCreate> byId = new HashMap<>();
    creates.forEach(c -> byId.put(c.m365Id(), c));
    Map<String, List<PlannedCreate>> reports = new HashMap<>();
    List<PlannedCreate> first = new ArrayList<>();
    for (PlannedCreate create : creates) {
      if (create.manager() instanceof UserRef.Created manager
          && byId.containsKey(manager.m365Id())) {
        reports.computeIfAbsent(manager.m365Id(), k -> new ArrayList<>()).add(create);
      } else {
        first.add(create);
      }
    }
    // What cannot be reached from a user without a new manager waits on a cycle.
    Set<String> reached = new HashSet<>();
    List<PlannedCreate> frontier = new ArrayList<>(first);
    while (!frontier.isEmpty()) {
      PlannedCreate create = frontier.remove(frontier.size() - 1);
      reached.add(create.m365Id());
      frontier.addAll(reports.getOrDefault(create.m365Id(), List.of()));
    }
    List<PlannedCreate> deferred = new ArrayList<>();
    for (PlannedCreate create : creates) {
      if (!reached.contains(create.m365Id())) {
        deferred.add(create);
      }
    }
    progress.phase("create users", creates.size());
    CountDownLatch ended = new CountDownLatch(creates.size());
    Creates chain = new Creates(pool, reports, rechecked, outcomes, ended);
    first.forEach(create -> chain.submit(create, false));
    deferred.forEach(create -> chain.submit(create, true));
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcomes.stop("the run was interrupted while applying the plan");
      return;
    }
    run(
        pool,
        outcomes,
        "set managers of new users",
        deferred,
        create -> managerOfNew(create, outcomes));
  }

  /** Submits creates, and the creates of the people a user manages once that user's has ended. */
  private final class Creates {
    private final ExecutorService pool;
    private final Map<String, List<PlannedCreate>> reports;
    private final Set<String> rechecked;
    private final Outcomes outcomes;
    private final CountDownLatch ended;

    Creates(
        ExecutorService pool,
        Map<String, List<PlannedCreate>> reports,
        Set<String> rechecked,
        Outcomes outcomes,
        CountDownLatch ended) {
      this.pool = pool;
      this.reports = reports;
      this.rechecked = rechecked;
      this.outcomes = outcomes;
      this.ended = ended;
    }

    void submit(PlannedCreate create, boolean withoutManager) {
      try {
        pool.execute(() -> createThenRelease(create, withoutManager));
      } catch (RejectedExecutionException e) {
        // The execution was stopped and its writers shut down: nobody waits any more.
      }
    }

    private void createThenRelease(PlannedCreate create, boolean withoutManager) {
      try {
        if (!outcomes.stopped()) {
          String reason = gate.closedBecause();
          if (reason != null) {
            outcomes.stop(reason);
          } else {
            create(create, withoutManager, rechecked.contains(create.m365Id()), outcomes);
          }
        }
      } catch (RuntimeException | Error e) {
        outcomes.stop("unexpected failure while applying the plan: " + Causes.withType(e));
      } finally {
        if (!withoutManager) {
          // Once stopped, these end at once without writing, so the count still comes out.
          reports.getOrDefault(create.m365Id(), List.of()).forEach(r -> submit(r, false));
        }
        ended.countDown();
      }
    }
  }

  /**
   * @param recheck the create was sent by an earlier run and is not visible: look the user up first
   */
  private void create(
      PlannedCreate create, boolean withoutManager, boolean recheck, Outcomes outcomes) {
    NewUser user = create.user();
    if (create.manager() != null && !withoutManager) {
      String managerId = outcomes.resolve(create.manager());
      if (managerId == null) {
        outcomes.skipped(user.email(), "set manager", "the manager was not created");
      } else {
        user = user.withManager(managerId);
      }
    }
    try {
      TrainingUser created = recheck ? platform.createUnlessPresent(user) : platform.create(user);
      if (!created.active()) {
        // The platform found the user already there, archived (a create answered 409): the
        // person is in scope, so the same KnowBe4 user is restored, history kept.
        platform.setActive(created.id(), true);
      }
      outcomes.created(create.m365Id(), created.id());
      outcomes.succeeded(create.key());
    } catch (RuntimeException e) {
      outcomes.failed(user.email(), "create", e);
    }
  }

  private void managerOfNew(PlannedCreate create, Outcomes outcomes) {
    String userId = outcomes.resolve(create.ref());
    String managerId = outcomes.resolve(create.manager());
    if (userId == null || managerId == null) {
      return; // the failed create is already reported
    }
    try {
      platform.update(userId, List.of(new AttributeChange(Attribute.MANAGER, null, managerId)));
    } catch (RuntimeException e) {
      outcomes.failed(create.user().email(), "set manager", e);
    }
  }

  private void restore(PlannedRestore restore, Outcomes outcomes) {
    try {
      platform.setActive(restore.knowbe4Id(), true);
      outcomes.succeeded(restore.key());
    } catch (RuntimeException e) {
      outcomes.failed(restore.email(), "restore", e);
    }
  }

  private void update(PlannedUpdate update, Outcomes outcomes) {
    try {
      platform.update(update.knowbe4Id(), update.changes());
      outcomes.succeeded(update.key());
    } catch (RuntimeException e) {
      outcomes.failed(update.email(), "update", e);
    }
  }

  private void manager(PlannedManager manager, Outcomes outcomes) {
    String userId = outcomes.resolve(manager.user());
    String managerId = manager.manager() == null ? null : outcomes.resolve(manager.manager());
    if (userId == null) {
      outcomes.skipped(manager.email(), "set manager", "the user was not created");
      return;
    }
    if (manager.manager() != null && managerId == null) {
      outcomes.skipped(
          manager.email(), "set manager", "the manager " + manager.toEmail() + " was not created");
      return;
    }
    try {
      platform.update(userId, List.of(new AttributeChange(Attribute.MANAGER, null, managerId)));
      outcomes.succeeded(manager.key());
    } catch (RuntimeException e) {
      outcomes.failed(manager.email(), "set manager", e);
    }
  }

  /** Membership changes of one group, at most {@value #MEMBERS_PER_REQUEST} users. */
  private record Batch(String group, List<MembershipChange> changes) {}

  private static List<Batch> batches(List<MembershipChange> changes) {
    Map<String, List<MembershipChange>> byGroup = new LinkedHashMap<>();
    changes.forEach(
        c ->
            byGroup
                .computeIfAbsent(c.group().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(c));
    List<Batch> batches = new ArrayList<>();
    byGroup.forEach(
        (group, all) -> {
          for (int i = 0; i < all.size(); i += MEMBERS_PER_REQUEST) {
            batches.add(
                new Batch(group, all.subList(i, Math.min(all.size(), i + MEMBERS_PER_REQUEST))));
          }
        });
    return batches;
  }

  private void members(Batch batch, boolean add, Map<String, String> groupIds, Outcomes outcomes) {
    String verb = add ? "add" : "remove";
    String operation =
        (add ? "add to group " : "remove from group ") + batch.changes().get(0).group();
    String known = batch.changes().get(0).groupId();
    String groupId = known != null ? known : groupIds.get(batch.group());
    List<MembershipChange> ready = new ArrayList<>();
    List<String> userIds = new ArrayList<>();
    for (MembershipChange change : batch.changes()) {
      String userId = outcomes.resolve(change.user());
      if (groupId == null) {
        outcomes.skipped(change.email(), operation, "the group was not created");
      } else if (userId == null) {
        outcomes.skipped(change.email(), operation, "the user was not created");
      } else {
        ready.add(change);
        userIds.add(userId);
      }
    }
    if (ready.isEmpty()) {
      return;
    }
    try {
      if (add) {
        platform.addMembers(groupId, userIds);
      } else {
        platform.removeMembers(groupId, userIds);
      }
      ready.forEach(c -> outcomes.succeeded(c.key(verb)));
    } catch (RuntimeException e) {
      ready.forEach(c -> outcomes.failed(c.email(), operation, e));
    }
  }

  private void archive(PlannedArchive archive, StaleAction action, Outcomes outcomes) {
    try {
      if (action == StaleAction.DELETE) {
        platform.delete(archive.knowbe4Id());
      } else {
        platform.setActive(archive.knowbe4Id(), false);
      }
      outcomes.succeeded(archive.key());
    } catch (RuntimeException e) {
      outcomes.failed(archive.email(), action == StaleAction.DELETE ? "delete" : "archive", e);
    }
  }

  /**
   * Runs one phase: asks the gate first, then before each write. A closed gate, an interrupted
   * thread or an unexpected failure stops the execution; writes in flight finish, and what was done
   * stays recorded.
   */
  private <T> void run(
      ExecutorService pool,
      Outcomes outcomes,
      String phase,
      List<T> items,
      java.util.function.Consumer<T> step) {
    if (items.isEmpty() || outcomes.stopped()) {
      return;
    }
    String closed = gate.checkNow();
    if (closed != null) {
      outcomes.stop(closed);
      return;
    }
    progress.phase(phase, items.size());
    List<Future<?>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(
          pool.submit(
              () -> {
                if (outcomes.stopped()) {
                  return;
                }
                String reason = gate.closedBecause();
                if (reason != null) {
                  outcomes.stop(reason);
                  return;
                }
                step.accept(item);
              }));
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcomes.stop("the run was interrupted while applying the plan");
        return;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        outcomes.stop("unexpected failure while applying the plan: " + Causes.withType(cause));
      }
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "kb4sync-write-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Thread-safe record of what happened. */
  private static final class Outcomes {
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    private final Map<String, String> created = new ConcurrentHashMap<>();
    private final List<OperationError> errors = new ArrayList<>();
    private volatile String stopped;

    /** Stops the execution for {@code reason}; the first reason is kept. */
    synchronized void stop(String reason) {
      if (stopped == null) {
        stopped = reason;
      }
    }

    boolean stopped() {
      return stopped != null;
    }

    void succeeded(String key) {
      succeeded.add(key);
    }

    void created(String m365Id, String knowbe4Id) {
      created.put(m365Id, knowbe4Id);
    }

    String resolve(UserRef ref) {
      if (ref instanceof UserRef.Existing existing) {
        return existing.knowbe4Id();
      }
      return created.get(((UserRef.Created) ref).m365Id());
    }

    void failed(String email, String operation, RuntimeException e) {
      String message =
          e instanceof RemoteException
              ? e.getMessage()
              : e.getClass().getSimpleName() + ": " + e.getMessage();
      synchronized (errors) {
        errors.add(new OperationError(email, operation, message));
      }
    }

    void skipped(String email, String operation, String why) {
      synchronized (errors) {
        errors.add(new OperationError(email, operation, "skipped: " + why));
      }
    }

    ExecutionResult result() {
      List<OperationError> sorted = new ArrayList<>(errors);
      sorted.sort(
          Comparator.comparing(
                  (OperationError e) -> e.email() == null ? "" : e.email().toLowerCase(Locale.ROOT))
              .thenComparing(OperationError::operation)
              .thenComparing(OperationError::message));
      return new ExecutionResult(succeeded, created, sorted, stopped);
    }
  }
}
