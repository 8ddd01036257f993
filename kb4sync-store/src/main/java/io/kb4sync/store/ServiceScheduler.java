package io.kb4sync.store;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service mode's scheduling on db-scheduler, in the state store's own database (table {@code
 * scheduled_tasks}, migration V4): one row per (task, instance) — ({@value #SYNC}, company id),
 * ({@value #AUDIT}, company id) and ({@value #QUEUED}, run id) — so a company's run is picked by
 * one node only. The app decides what a run is and when the next is due ({@link Jobs}); this class
 * keeps the rows, the cluster's heartbeats ({@code service_nodes}) and the paused companies ({@code
 * paused_companies}).
 *
 * <p>Dead nodes: a row whose node stopped heartbeating for {@code deadNodeAfter} is dead. Its runs
 * are recorded abandoned ({@link Jobs#dead}) and, for a schedule, the row is set to the next due
 * time: never re-run at once. With SQLite one node only: {@link #start} refuses a second.
 */
public final class ServiceScheduler implements AutoCloseable {
  public static final String SYNC = "sync";
  public static final String AUDIT = "audit";
  public static final String QUEUED = "queued-run";

  /** The book-wide daily digest: one row, instance {@value #BOOK}. */
  public static final String DIGEST = "digest";

  public static final String BOOK = "book";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceScheduler.class);

  /** The name of the company lock that lets one {@code serve} use a SQLite file at a time. */
  static final String SERVE_LOCK = "kb4sync serve";

  /** What the app does for the scheduler. */
  public interface Jobs {
    /**
     * Runs the company's due run of {@code kind} ({@value #SYNC} or {@value #AUDIT}).
     *
     * @return false when the process's stop kept it from running or cut it short: the row then
     *     stays due (another node, or the next start, runs it) instead of waiting for the next slot
     */
    boolean due(String kind, String companyId);

    /**
     * When the company's next run of {@code kind} is due.
     *
     * @param after now
     * @param lastEnd when its previous run ended
     * @return null when it is not scheduled (off, or no longer configured)
     */
    Instant next(String kind, String companyId, Instant after, Instant lastEnd);

    /** Runs the queued run {@code runId}, asked for with {@code request}. */
    void queued(String runId, String request);

    /** The node {@code node} died while running {@code kind} of {@code id}: abandon its runs. */
    void dead(String node, String kind, String id);
  }

  /**
   * @param node this node's name: the owner of the runs it records
   * @param configHash a hash of this node's configuration file
   * @param deadNodeAfter how long without a heartbeat makes a node dead
   * @param threads runs at once on this node
   * @param pollingInterval how often due rows are looked for
   */
  public record Settings(
      String node,
      String configHash,
      Duration deadNodeAfter,
      int threads,
      Duration pollingInterval) {
    public Settings {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(deadNodeAfter, "deadNodeAfter");
    }

    /** A heartbeat every sixth of {@code deadNodeAfter}: dead after four missed ones. */
    Duration heartbeat() {
      return deadNodeAfter.dividedBy(6);
    }
  }

  /** A live node of the cluster and the hash of its configuration. */
  public record Node(String name, String configHash, Instant startedAt, Instant heartbeatAt) {}

  private final JdbcStateStore store;
  private final Settings settings;
  private final Jobs jobs;
  private final CompanyLock serveLock;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledExecutorService heartbeats;
  private final Instant startedAt = Instant.now();
  private volatile String configHash;
  private Scheduler scheduler;

  private ServiceScheduler(JdbcStateStore store, Settings settings, Jobs jobs, CompanyLock lock) {
    this.store = store;
    this.settings = settings;
    this.jobs = jobs;
    this.serveLock = lock;
    this.configHash = settings.configHash();
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kb4sync-node-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts scheduling on the store's database.
   *
   * @throws StateStoreException when another {@code serve} uses this SQLite file, or the database
   *     fails
   */
  public static ServiceScheduler start(JdbcStateStore store, Settings settings, Jobs jobs) {
    CompanyLock lock = null;
    if (!store.shared()) {
      try {
        lock = store.lock(SERVE_LOCK);
      } catch (CompanyLockedException e) {
        throw new StateStoreException(
            "state: another kb4sync serve uses "
                + store
                + "; with SQLite one node only (use PostgreSQL for several)",
            e);
      }
    }
    ServiceScheduler service = new ServiceScheduler(store, settings, jobs, lock);
    try {
      service.beat();
      service.scheduler = service.build();
      service.scheduler.start();
      long period = Math.max(200, settings.heartbeat().toMillis());
      service.heartbeats.scheduleWithFixedDelay(
          service::beatQuietly, period, period, TimeUnit.MILLISECONDS);
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  private Scheduler build() {
    List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = new ArrayList<>();
    tasks.add(recurring(SYNC));
    tasks.add(recurring(AUDIT));
    tasks.add(recurring(DIGEST));
    tasks.add(
        Tasks.custom(QUEUED, String.class)
            .onFailure((complete, ops) -> ops.remove())
            .onDeadExecution(
                (complete, ops) -> {
                  Execution dead = Execution.of(complete);
                  jobs.dead(dead.pickedBy(), QUEUED, dead.id());
                  ops.remove();
                })
            .execute(
                (instance, context) -> {
                  if (stopping.get()) {
                    return (complete, ops) -> keepDue(complete, ops);
                  }
                  jobs.queued(instance.getId(), instance.getData());
                  return (complete, ops) -> ops.remove();
                }));
    Duration heartbeat = settings.heartbeat();
    return Scheduler.create(store.pool(), tasks)
        .schedulerName(new SchedulerName.Fixed(settings.node()))
        .serializer(new Strings())
        .threads(Math.max(1, settings.threads()))
        .pollingInterval(settings.pollingInterval())
        .heartbeatInterval(heartbeat)
        .missedHeartbeatsLimit(4)
        .enableImmediateExecution()
        .shutdownMaxWait(Duration.ofSeconds(7))
        .build();
  }

  private CustomTask<String> recurring(String kind) {
    return Tasks.custom(kind, String.class)
        .onFailure(
            (complete, ops) -> {
              LOG.warn(
                  "{} of company {} failed unexpectedly",
                  kind,
                  complete.getExecution().getId(),
                  complete.getCause().orElse(null));
              next(kind, complete, ops, complete.getTimeDone());
            })
        .onDeadExecution(
            (complete, ops) -> {
              Execution dead = Execution.of(complete);
              LOG.warn("node {} died running {} of company {}", dead.pickedBy(), kind, dead.id());
              jobs.dead(dead.pickedBy(), kind, dead.id());
              next(kind, complete, ops, complete.getTimeDone());
            })
        .execute(
            (instance, context) -> {
              String companyId = instance.getId();
              if (stopping.get()) {
                return (complete, ops) -> keepDue(complete, ops);
              }
              if (!paused(companyId) && !jobs.due(kind, companyId)) {
                return (complete, ops) -> keepDue(complete, ops);
              }
              return (complete, ops) -> next(kind, complete, ops, complete.getTimeDone());
            });
  }

  /** Sets the row to the next due time, or removes it when not scheduled. */
  private void next(
      String kind, ExecutionComplete complete, ExecutionOperations<String> ops, Instant ended) {
    Instant next = jobs.next(kind, complete.getExecution().getId(), ended, ended);
    if (next == null) {
      ops.remove();
    } else {
      ops.reschedule(complete, next);
    }
  }

  /**
   * A row picked while this node stops, or whose run the stop cut short, stays due: another node,
   * or the next start, runs it.
   */
  private static void keepDue(ExecutionComplete complete, ExecutionOperations<String> ops) {
    ops.reschedule(complete, complete.getExecution().getExecutionTime());
  }

  /** The fields of an execution a dead-execution handler needs. */
  private record Execution(String id, String pickedBy) {
    static Execution of(ExecutionComplete complete) {
      return new Execution(complete.getExecution().getId(), complete.getExecution().pickedBy);
    }
  }

  // ---- rows ----

  /** Makes sure the company has a row for {@code kind}, due at {@code at} when it is new. */
  public void plan(String kind, String companyId, Instant at) {
    scheduler.scheduleIfNotExists(new TaskInstance<String>(kind, companyId), at);
  }

  /**
   * Sets the company's row for {@code kind} to {@code at} (creating it when missing); a row being
   * run is left alone (its next time follows the configuration when it ends).
   */
  public void replan(String kind, String companyId, Instant at) {
    TaskInstance<String> instance = new TaskInstance<>(kind, companyId);
    if (scheduler.scheduleIfNotExists(instance, at)) {
      return;
    }
    try {
      scheduler.reschedule(instance, at);
    } catch (TaskInstanceException e) {
      LOG.debug("{} of {} not rescheduled: {}", kind, companyId, e.getMessage());
    }
  }

  /** Removes the company's row for {@code kind}, unless it is being run. */
  public void unplan(String kind, String companyId) {
    try {
      scheduler.cancel(new TaskInstance<String>(kind, companyId));
    } catch (TaskInstanceException e) {
      LOG.debug("{} of {} not removed: {}", kind, companyId, e.getMessage());
    }
  }

  /** The due time of every row of {@code kind}, by instance (company id). */
  public Map<String, Instant> planned(String kind) {
    Map<String, Instant> due = new HashMap<>();
    for (ScheduledExecution<Object> e : scheduler.getScheduledExecutionsForTask(kind)) {
      due.put(e.getTaskInstance().getId(), e.getExecutionTime());
    }
    return due;
  }

  /** Queues a run: the first node with a free thread runs it. */
  public void queue(String runId, String request) {
    scheduler.schedule(new TaskInstance<>(QUEUED, runId, request), Instant.now());
  }

  /** Removes a queued run's row if no node has picked it; false when one has (or it is gone). */
  public boolean unqueue(String runId) {
    try {
      scheduler.cancel(new TaskInstance<String>(QUEUED, runId));
      return true;
    } catch (TaskInstanceException e) {
      return false;
    }
  }

  /** Whether the scheduler runs: started and not stopping. */
  public boolean running() {
    return scheduler != null
        && scheduler.getSchedulerState().isStarted()
        && !scheduler.getSchedulerState().isShuttingDown()
        && !stopping.get();
  }

  /** Looks for due rows now rather than at the next poll. */
  public void wake() {
    scheduler.triggerCheckForDueExecutions();
  }

  // ---- paused companies ----

  public boolean paused(String companyId) {
    return pausedCompanies().contains(companyId);
  }

  public Set<String> pausedCompanies() {
    return store.withConnection(
        "read the paused companies",
        connection -> {
          Set<String> paused = new HashSet<>();
          try (PreparedStatement ps =
                  connection.prepareStatement("SELECT company_id FROM paused_companies");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              paused.add(rs.getString(1));
            }
          }
          return paused;
        });
  }

  public void setPaused(String companyId, boolean paused, String by) {
    store.withConnection(
        (paused ? "pause" : "resume") + " company " + companyId,
        connection -> {
          if (paused) {
            try (PreparedStatement ps =
                connection.prepareStatement(
                    "INSERT INTO paused_companies (company_id, paused_at_ms, paused_by)"
                        + " VALUES (?, ?, ?) ON CONFLICT (company_id) DO NOTHING")) {
              ps.setString(1, companyId);
              ps.setLong(2, Instant.now().toEpochMilli());
              ps.setString(3, by);
              ps.executeUpdate();
            }
          } else {
            try (PreparedStatement ps =
                connection.prepareStatement("DELETE FROM paused_companies WHERE company_id = ?")) {
              ps.setString(1, companyId);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  // ---- the cluster ----

  /** The hash this node's heartbeat carries from now on (after a reload). */
  public void configHash(String hash) {
    this.configHash = hash;
    beatQuietly();
  }

  /** Nodes whose last heartbeat is younger than {@code deadNodeAfter}, this one included. */
  public List<Node> liveNodes() {
    long since = Instant.now().minus(settings.deadNodeAfter()).toEpochMilli();
    return store.withConnection(
        "read the nodes of the cluster",
        connection -> {
          List<Node> nodes = new ArrayList<>();
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT node, config_hash, started_at_ms, heartbeat_at_ms FROM service_nodes"
                      + " WHERE heartbeat_at_ms >= ? ORDER BY node")) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                nodes.add(
                    new Node(
                        rs.getString(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4))));
              }
            }
          }
          return nodes;
        });
  }

  public String node() {
    return settings.node();
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      LOG.warn("node heartbeat failed: {}", e.getMessage());
    }
  }

  private void beat() {
    long now = Instant.now().toEpochMilli();
    store.withConnection(
        "record the heartbeat of node " + settings.node(),
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO service_nodes (node, config_hash, started_at_ms, heartbeat_at_ms)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (node) DO UPDATE SET"
                      + " config_hash = excluded.config_hash,"
                      + " heartbeat_at_ms = excluded.heartbeat_at_ms")) {
            ps.setString(1, settings.node());
            ps.setString(2, configHash == null ? "" : configHash);
            ps.setLong(3, startedAt.toEpochMilli());
            ps.setLong(4, now);
            ps.executeUpdate();
          }
          // Nodes silent for a day are history.
          try (PreparedStatement ps =
              connection.prepareStatement("DELETE FROM service_nodes WHERE heartbeat_at_ms < ?")) {
            ps.setLong(1, now - Duration.ofDays(1).toMillis());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Stops: no new row is picked; runs in progress end (they watch the app's stop signal) within
   * about ten seconds, else they are left to the dead-node detection; the node leaves the cluster.
   */
  public void stop() {
    stopping.set(true);
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    if (scheduler != null) {
      scheduler.stop();
    }
    heartbeats.shutdownNow();
    try {
      store.withConnection(
          "remove node " + settings.node(),
          connection -> {
            try (PreparedStatement ps =
                connection.prepareStatement("DELETE FROM service_nodes WHERE node = ?")) {
              ps.setString(1, settings.node());
              ps.executeUpdate();
            }
            return null;
          });
    } catch (RuntimeException e) {
      LOG.debug("node {} not removed: {}", settings.node(), e.getMessage());
    }
    if (serveLock != null) {
      serveLock.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Task data as UTF-8 text (never Java serialization). */
  private static final class Strings implements Serializer {
    @Override
    public byte[] serialize(Object data) {
      return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] bytes) {
      return bytes == null ? null : type.cast(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
