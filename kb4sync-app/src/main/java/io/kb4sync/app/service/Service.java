package io.kb4sync.app.service;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.Messages;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigException;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.config.ScheduleConfig;
import io.kb4sync.app.history.RunHistory;
import io.kb4sync.app.run.CompanyRunner;
import io.kb4sync.app.run.NotifyGate;
import io.kb4sync.app.run.RunObserver;
import io.kb4sync.app.schedule.Schedule;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.notify.Notifications;
import io.kb4sync.notify.NotifierFactory;
import io.kb4sync.server.ServiceMetrics;
import io.kb4sync.store.JdbcStateStore;
import io.kb4sync.store.RunOwner;
import io.kb4sync.store.ServiceScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code kb4sync serve} without its HTTP face: the configuration in force (reloadable), the state
 * store, the scheduler with one row per (task, company), and the one runner. Every run it starts
 * goes through {@link CompanyRunner}.
 */
public final class Service implements AutoCloseable {
  /** How often the history's housekeeping runs (spool, abandoned runs, pruning). */
  static final Duration HOUSEKEEPING = Duration.ofMinutes(1);

  /** When the daily digest goes out, in {@code defaults.schedule.time_zone}. */
  static final String DIGEST_AT = "0 7 * * *";

  /** The configuration in force, its runner and the hash of its file. */
  record Loaded(Config config, CompanyRunner runner, String hash) {}

  private final Path file;
  private final Connectors connectors;
  private final Clock clock;
  private final PrintStream err;
  private final StopSignal stop;
  private final Function<String, String> environment;
  private final JdbcStateStore store;
  private final AtomicReference<Loaded> loaded = new AtomicReference<>();
  private final Failures failures;
  private final List<RunObserver> observers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService housekeeping;
  private ServiceScheduler scheduler;

  private Service(
      Path file,
      Config config,
      Connectors connectors,
      Clock clock,
      PrintStream err,
      StopSignal stop,
      Function<String, String> environment,
      JdbcStateStore store) {
    this.file = file;
    this.connectors = connectors;
    this.clock = clock;
    this.err = err;
    this.stop = stop;
    this.environment = environment;
    this.store = store;
    this.failures = new Failures(store, this::config, clock);
    this.observers.add(failures);
    this.loaded.set(load(config));
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kb4sync-housekeeping");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens the state store and starts scheduling.
   *
   * @param observers told of every run this node ends (metrics)
   * @throws RuntimeException when the store cannot be reached or another {@code serve} uses its
   *     SQLite file
   */
  public static Service start(
      Config config,
      Connectors connectors,
      Clock clock,
      PrintStream err,
      StopSignal stop,
      Function<String, String> environment,
      List<RunObserver> observers) {
    StateStore opened = connectors.store(config);
    if (!(opened instanceof JdbcStateStore store)) {
      opened.close();
      throw new IllegalStateException("service mode needs a SQLite or PostgreSQL state store");
    }
    Service service =
        new Service(config.file(), config, connectors, clock, err, stop, environment, store);
    service.observers.addAll(observers);
    try {
      RunHistory.beforeRuns(store, config, clock, err);
      Duration dead = config.server().effectiveDeadNodeAfter();
      service.scheduler =
          ServiceScheduler.start(
              store,
              new ServiceScheduler.Settings(
                  RunOwner.current(),
                  service.loaded.get().hash(),
                  dead,
                  config.parallelCompanies(),
                  polling(dead)),
              service.new Jobs());
      service.plan(config, null);
      service.housekeeping.scheduleWithFixedDelay(
          service::housekeep,
          HOUSEKEEPING.toMillis(),
          HOUSEKEEPING.toMillis(),
          TimeUnit.MILLISECONDS);
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** How often due rows are looked for: a tenth of dead_node_after, between 1 and 10 seconds. */
  static Duration polling(Duration deadNodeAfter) {
    Duration tenth = deadNodeAfter.dividedBy(10);
    if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return tenth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : tenth;
  }

  public Config config() {
    return loaded.get().config();
  }

  CompanyRunner runner() {
    return loaded.get().runner();
  }

  String configHash() {
    return loaded.get().hash();
  }

  JdbcStateStore store() {
    return store;
  }

  /** The state store the service works on (the API's tokens live there too). */
  public StateStore stateStore() {
    return store;
  }

  ServiceScheduler scheduler() {
    return scheduler;
  }

  Clock clock() {
    return clock;
  }

  Failures failures() {
    return failures;
  }

  /** An observer that feeds {@code metrics} from the runs this node ends. */
  public RunObserver metricsObserver(ServiceMetrics metrics) {
    return new MetricsObserver(metrics, failures::consecutiveFailures);
  }

  /** Adds an observer of the runs this node ends (e.g. metrics). */
  public void observe(RunObserver observer) {
    observers.add(observer);
  }

  /**
   * Sets the gauges that come from the shared history (held archives, consecutive failures) for
   * every company: a node shows them before it has run a company itself, and sees the runs of the
   * other nodes (every five minutes).
   */
  public void refreshGauges(ServiceMetrics metrics) {
    ServiceBook book = book();
    for (CompanyConfig company : config().companies()) {
      metrics.held(company.companyId(), book.heldArchives(company.companyId()));
      metrics.failing(company.companyId(), failures.consecutiveFailures(company.companyId()));
    }
  }

  /** How often the gauges are read again from the shared history. */
  static final Duration GAUGES = Duration.ofMinutes(5);

  /** Keeps {@link #refreshGauges} going every {@link #GAUGES}. */
  public void refreshGaugesRegularly(ServiceMetrics metrics) {
    housekeeping.scheduleWithFixedDelay(
        () -> {
          try {
            refreshGauges(metrics);
          } catch (RuntimeException e) {
            err.println("kb4sync: metrics refresh failed: " + Messages.describe(e));
          }
        },
        GAUGES.toMillis(),
        GAUGES.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The book over this service: what the HTTP face sees. */
  public ServiceBook book() {
    return new ServiceBook(this);
  }

  /**
   * Re-reads the configuration file. A broken file is refused and the one in force kept.
   *
   * @return null when the new file is in force, else the one-line problem
   */
  public synchronized String reload() {
    Config next;
    try {
      next = ConfigLoader.load(file, environment);
    } catch (ConfigException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return file + ": " + Messages.describe(e);
    }
    Config previous = config();
    loaded.set(load(next));
    scheduler.configHash(configHash());
    plan(next, previous);
    return null;
  }

  private Loaded load(Config config) {
    RunObserver all =
        (run, document) -> {
          for (RunObserver o : observers) {
            o.ended(run, document);
          }
        };
    boolean digest = config.notifications() != null && config.notifications().dailyDigest();
    // A run's own notification: not with the daily digest, nor for the third and later failures
    // in a row (Failures sends one notice at the third instead).
    NotifyGate gate =
        (companyId, failed) ->
            !digest
                && (!failed || failures.consecutiveFailures(companyId) < Failures.NOTICE_AFTER - 1);
    return new Loaded(
        config,
        new CompanyRunner(config, store, connectors, clock, err, stop, all, gate),
        hash(file));
  }

  static String hash(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (IOException e) {
      return "unreadable";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The schedule of one kind of run of a company, per the configuration in force. */
  static Schedule schedule(Config config, CompanyConfig company, String kind) {
    ScheduleConfig effective = config.schedule(company);
    return kind.equals(RunRecord.SYNC)
        ? effective.syncSchedule(company.companyId())
        : effective.auditSchedule(company.companyId());
  }

  /**
   * Gives every scheduled company its rows: new rows are due at the schedule's next time; existing
   * rows keep theirs (a run missed while no node was up runs once, at once), unless a reload
   * changed the company's schedule; rows of companies that are gone or {@code off} are removed.
   */
  private void plan(Config config, Config previous) {
    Instant now = clock.instant();
    for (String kind : List.of(RunRecord.SYNC, RunRecord.AUDIT)) {
      Map<String, Instant> rows = scheduler.planned(kind);
      for (CompanyConfig company : config.companies()) {
        String id = company.companyId();
        Schedule schedule = schedule(config, company, kind);
        Instant first = schedule.next(now, lastEnd(id, kind));
        if (first == null) {
          scheduler.unplan(kind, id);
        } else if (!rows.containsKey(id)) {
          scheduler.plan(kind, id, first);
        } else if (previous != null && changed(previous, config, company, kind)) {
          scheduler.replan(kind, id, first);
        }
      }
      for (String id : rows.keySet()) {
        if (config.company(id).isEmpty()) {
          scheduler.unplan(kind, id);
        }
      }
    }
    Instant digest = nextDigest(config, now);
    if (digest == null) {
      scheduler.unplan(ServiceScheduler.DIGEST, ServiceScheduler.BOOK);
    } else if (previous == null || nextDigest(previous, now) == null) {
      scheduler.plan(ServiceScheduler.DIGEST, ServiceScheduler.BOOK, digest);
    } else {
      scheduler.replan(ServiceScheduler.DIGEST, ServiceScheduler.BOOK, digest);
    }
  }

  /**
   * The daily digest: at 07:00 in {@code defaults.schedule.time_zone}; null when not configured.
   */
  static Instant nextDigest(Config config, Instant after) {
    if (config.notifications() == null || !config.notifications().dailyDigest()) {
      return null;
    }
    return Schedule.parse(DIGEST_AT, config.defaultSchedule().effective().zone(), "book")
        .next(after, null);
  }

  private void sendDigest() {
    Config config = config();
    if (config.notifications() == null || !config.notifications().dailyDigest()) {
      return;
    }
    ServiceBook book = book();
    Notification digest =
        Digest.compose(config, store, clock.instant(), book::heldArchives, failures.failing());
    Notifications channels =
        new Notifications(
            NotifierFactory.channels(config.notifications(), clock, null, config.httpDeadline()));
    List<String> warnings = Notifications.warnings(channels.send(digest));
    if (!warnings.isEmpty()) {
      err.println("kb4sync: the daily digest was not sent everywhere: " + warnings);
    }
  }

  private static boolean changed(Config before, Config after, CompanyConfig company, String kind) {
    CompanyConfig old = before.company(company.companyId()).orElse(null);
    if (old == null) {
      return true;
    }
    ScheduleConfig a = before.schedule(old);
    ScheduleConfig b = after.schedule(company);
    return !Objects.equals(a.timeZone(), b.timeZone())
        || (kind.equals(RunRecord.SYNC)
            ? !Objects.equals(a.sync(), b.sync())
            : !Objects.equals(a.audit(), b.audit()));
  }

  /** When the company's newest run of this kind ended; null when it never ran. */
  Instant lastEnd(String companyId, String kind) {
    for (RunRecord run : store.runs(new RunQuery(companyId, kind, 5, null))) {
      if (run.finishedAt() != null && run.status() != RunStatus.SKIPPED) {
        return run.finishedAt();
      }
    }
    return null;
  }

  private void housekeep() {
    try {
      RunHistory.housekeeping(store, config(), clock);
    } catch (RuntimeException e) {
      err.println("kb4sync: run history housekeeping failed: " + Messages.describe(e));
    }
  }

  /** What the scheduler calls. */
  private final class Jobs implements ServiceScheduler.Jobs {
    @Override
    public boolean due(String kind, String companyId) {
      if (stop.requested()) {
        return false;
      }
      if (kind.equals(ServiceScheduler.DIGEST)) {
        sendDigest();
        return true;
      }
      Loaded now = loaded.get();
      CompanyConfig company = now.config().company(companyId).orElse(null);
      if (company == null) {
        return true;
      }
      CompanyRunner.Start start = CompanyRunner.Start.of(RunRecord.TRIGGER_SCHEDULE);
      if (kind.equals(RunRecord.SYNC)) {
        now.runner().sync(company, io.kb4sync.app.SyncInputs.none(), start);
      } else {
        now.runner().audit(company, "schedule", start);
      }
      // A run the stop cut short (or a whole one the stop followed) stays due: run again soon by
      // another node or the next start, which is harmless, rather than not before the next slot.
      return !stop.requested();
    }

    @Override
    public Instant next(String kind, String companyId, Instant after, Instant lastEnd) {
      Config config = config();
      if (kind.equals(ServiceScheduler.DIGEST)) {
        return nextDigest(config, after);
      }
      return config
          .company(companyId)
          .map(company -> schedule(config, company, kind).next(after, lastEnd))
          .orElse(null);
    }

    @Override
    public void queued(String runId, String request) {
      QueuedRequest asked = QueuedRequest.fromJson(request);
      Loaded now = loaded.get();
      CompanyConfig company = now.config().company(asked.companyId()).orElse(null);
      if (company == null || stop.requested()) {
        // Gone from the configuration (or this node is stopping): the run never starts.
        store.endRun(runId, RunStatus.QUEUED, RunStatus.SKIPPED, clock.instant());
        return;
      }
      CompanyRunner.Start start = CompanyRunner.Start.queued(runId, asked.trigger());
      if (asked.kind().equals(RunRecord.AUDIT)) {
        now.runner().audit(company, asked.describe(), start);
      } else {
        now.runner().sync(company, asked.inputs(), start);
      }
    }

    @Override
    public void dead(String node, String kind, String id) {
      String runKind =
          kind.equals(ServiceScheduler.QUEUED)
              ? store.run(id).map(RunRecord::kind).orElse(RunRecord.SYNC)
              : kind;
      int abandoned =
          store.abandonDeadRuns(owner -> owner == null || !owner.equals(node), clock.instant());
      for (RunObserver observer : observers) {
        observer.abandoned(runKind, abandoned);
      }
      if (abandoned > 0) {
        err.println(
            "kb4sync: node "
                + node
                + " stopped heartbeating; "
                + abandoned
                + " of its runs recorded abandoned");
      }
    }
  }

  /**
   * Stops: no new run, runs in progress end (they watch the stop signal, so they write no more and
   * record {@code interrupted}), the node leaves the cluster, the store closes.
   */
  public void stop() {
    housekeeping.shutdownNow();
    if (scheduler != null) {
      scheduler.stop();
    }
    store.close();
  }

  @Override
  public void close() {
    stop();
  }
}
