package io.kb4sync.server;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.RunRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Service mode's metrics (docs/api.md#metrics), served as Prometheus text by {@code /metrics}: the
 * contract's series, which the app updates as runs end, beside the JVM's (memory, GC, threads,
 * classes, CPU, uptime) and the API's request timings ({@code http_server_requests_seconds}).
 *
 * <ul>
 *   <li>{@code kb4sync_runs_total{kind,outcome}}: runs that ended, by outcome
 *   <li>{@code kb4sync_run_duration_seconds{kind}}: how long they took (with buckets)
 *   <li>{@code kb4sync_users_changed_total{change}}: KnowBe4 users {@code created}, {@code
 *       restored}, {@code updated}, {@code archived} by real syncs
 *   <li>{@code kb4sync_held_archives{company_id}}: archives the threshold guard holds now
 *   <li>{@code kb4sync_company_failing{company_id}}: the company's consecutive failed runs
 *   <li>{@code kb4sync_runs_abandoned_total{kind}}, {@code kb4sync_runs_skipped_total{kind}}: runs
 *       whose process died, and due runs that found the company locked
 * </ul>
 *
 * Thread-safe. {@link #registry()} is there for more binders (the scheduler's).
 */
public final class ServiceMetrics implements AutoCloseable {

  /** The {@code change} labels of {@code kb4sync_users_changed_total}. */
  public static final List<String> CHANGES = List.of("created", "restored", "updated", "archived");

  /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final List<String> KINDS = List.of(RunRecord.SYNC, RunRecord.AUDIT);
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1)
  };

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();

  public ServiceMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // Every series of a fixed label set exists from the start, at zero: rate() and alerts see it.
    for (String kind : KINDS) {
      for (Outcome outcome : Outcome.values()) {
        runs(kind, outcome);
      }
      duration(kind);
      abandoned(kind);
      skipped(kind);
    }
    for (String change : CHANGES) {
      changed(change);
    }
  }

  /** The registry, for more binders. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A run ended with an outcome.
   *
   * @param kind {@code sync} or {@code audit}
   * @param created users created by this run: zero for a dry run and for an audit, as are the other
   *     counts (they count what was done, not what was planned)
   */
  public void runEnded(
      String kind,
      Outcome outcome,
      Duration duration,
      int created,
      int restored,
      int updated,
      int archived) {
    checkKind(kind);
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a run's duration is not negative: " + duration);
    }
    int[] counts = {created, restored, updated, archived};
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(CHANGES.get(i) + " is not negative: " + counts[i]);
      }
    }
    runs(kind, outcome).increment();
    duration(kind).record(duration);
    for (int i = 0; i < counts.length; i++) {
      changed(CHANGES.get(i)).increment(counts[i]);
    }
  }

  /** A run was found with its process dead ({@code abandoned}). */
  public void runAbandoned(String kind) {
    checkKind(kind);
    abandoned(kind).increment();
  }

  /** A due run found the company locked ({@code skipped}). */
  public void runSkipped(String kind) {
    checkKind(kind);
    skipped(kind).increment();
  }

  /** How many archives the threshold guard holds for the company now (its newest real sync). */
  public void held(String companyId, int archives) {
    gauge(held, "kb4sync.held.archives", "Archives held by the threshold guard", companyId)
        .set(notNegative(archives, "held archives"));
  }

  /** How many runs of the company have failed in a row (0 after a run that did not fail). */
  public void failing(String companyId, int consecutiveFailedRuns) {
    gauge(failing, "kb4sync.company.failing", "Consecutive failed runs of the company", companyId)
        .set(notNegative(consecutiveFailedRuns, "consecutive failed runs"));
  }

  /** Drops the company's series: it is no longer configured. */
  public void forgetCompany(String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    for (String name : List.of("kb4sync.held.archives", "kb4sync.company.failing")) {
      var gauge = registry.find(name).tag("company_id", companyId).gauge();
      if (gauge != null) {
        registry.remove(gauge);
      }
    }
    held.remove(companyId);
    failing.remove(companyId);
  }

  /** Everything, in Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  /** One API request: {@code route} is the matched route's template, never the raw path. */
  void httpRequest(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("API requests by route and status")
        .tags("method", method, "route", route, "status", String.valueOf(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private Counter runs(String kind, Outcome outcome) {
    return Counter.builder("kb4sync.runs")
        .description("Runs that ended, by kind and outcome")
        .tags("kind", kind, "outcome", outcome.id())
        .register(registry);
  }

  private Timer duration(String kind) {
    return Timer.builder("kb4sync.run.duration")
        .description("How long runs took, by kind")
        .tags("kind", kind)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
  }

  private Counter abandoned(String kind) {
    return Counter.builder("kb4sync.runs.abandoned")
        .description("Runs found with their process dead")
        .tags("kind", kind)
        .register(registry);
  }

  private Counter skipped(String kind) {
    return Counter.builder("kb4sync.runs.skipped")
        .description("Due runs that found the company locked")
        .tags("kind", kind)
        .register(registry);
  }

  private Counter changed(String change) {
    return Counter.builder("kb4sync.users.changed")
        .description("KnowBe4 users changed by real syncs")
        .tags("change", change)
        .register(registry);
  }

  private AtomicInteger gauge(
      Map<String, AtomicInteger> values, String name, String description, String companyId) {
    Objects.requireNonNull(companyId, "companyId");
    return values.computeIfAbsent(
        companyId,
        id -> {
          AtomicInteger value = new AtomicInteger();
          io.micrometer.core.instrument.Gauge.builder(name, value, AtomicInteger::get)
              .description(description)
              .tags(Tags.of("company_id", id))
              .register(registry);
          return value;
        });
  }

  private static void checkKind(String kind) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind must be sync or audit: " + kind);
    }
  }

  private static int notNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " is not negative: " + value);
    }
    return value;
  }
}
