package io.kb4sync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.run.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract's series, scraped from {@code /metrics} of a real server after the app's calls. */
class ServiceMetricsTest {
  ServiceMetrics metrics;
  ApiServer server;
  Http http;

  @BeforeEach
  void start() {
    metrics = new ServiceMetrics();
    server = new ApiServer(new FakeBook(), new FakeTokens(), metrics);
    http = new Http(server.start("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
  }

  /** One sample of the exposition text: name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  List<Sample> scrape() {
    Http.Answer answer = http.get("/metrics", FakeTokens.VIEWER);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).isEqualTo(ServiceMetrics.CONTENT_TYPE);
    List<Sample> samples = new ArrayList<>();
    for (String line : answer.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as(line).isTrue();
      Map<String, String> labels = new TreeMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
    return samples;
  }

  static Double value(List<Sample> samples, String name, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
        .map(Sample::value)
        .findFirst()
        .orElse(null);
  }

  @Test
  void runs_durations_and_user_changes_show_with_the_values_of_the_runs_that_ended() {
    metrics.runEnded("sync", Outcome.OK, Duration.ofSeconds(30), 5, 1, 7, 0);
    metrics.runEnded("sync", Outcome.OK, Duration.ofSeconds(60), 1, 0, 2, 3);
    metrics.runEnded("sync", Outcome.HELD, Duration.ofSeconds(15), 0, 0, 0, 0);
    metrics.runEnded("audit", Outcome.FAILED, Duration.ofMillis(2500), 0, 0, 0, 0);

    List<Sample> samples = scrape();

    assertThat(value(samples, "kb4sync_runs_total", "kind", "sync", "outcome", "ok")).isEqualTo(2);
    assertThat(value(samples, "kb4sync_runs_total", "kind", "sync", "outcome", "held"))
        .isEqualTo(1);
    assertThat(value(samples, "kb4sync_runs_total", "kind", "audit", "outcome", "failed"))
        .isEqualTo(1);
    assertThat(value(samples, "kb4sync_runs_total", "kind", "audit", "outcome", "ok")).isZero();
    assertThat(value(samples, "kb4sync_run_duration_seconds_count", "kind", "sync")).isEqualTo(3);
    assertThat(value(samples, "kb4sync_run_duration_seconds_sum", "kind", "sync")).isEqualTo(105);
    assertThat(value(samples, "kb4sync_run_duration_seconds_sum", "kind", "audit")).isEqualTo(2.5);
    assertThat(value(samples, "kb4sync_run_duration_seconds_bucket", "kind", "sync", "le", "30.0"))
        .isEqualTo(2);
    assertThat(value(samples, "kb4sync_users_changed_total", "change", "created")).isEqualTo(6);
    assertThat(value(samples, "kb4sync_users_changed_total", "change", "restored")).isEqualTo(1);
    assertThat(value(samples, "kb4sync_users_changed_total", "change", "updated")).isEqualTo(9);
    assertThat(value(samples, "kb4sync_users_changed_total", "change", "archived")).isEqualTo(3);
  }

  @Test
  void every_fixed_series_exists_at_zero_before_any_run() {
    List<Sample> samples = scrape();

    for (String kind : List.of("sync", "audit")) {
      for (Outcome outcome : Outcome.values()) {
        assertThat(value(samples, "kb4sync_runs_total", "kind", kind, "outcome", outcome.id()))
            .as(kind + " " + outcome.id())
            .isZero();
      }
      assertThat(value(samples, "kb4sync_run_duration_seconds_count", "kind", kind)).isZero();
      assertThat(value(samples, "kb4sync_runs_abandoned_total", "kind", kind)).isZero();
      assertThat(value(samples, "kb4sync_runs_skipped_total", "kind", kind)).isZero();
    }
    for (String change : ServiceMetrics.CHANGES) {
      assertThat(value(samples, "kb4sync_users_changed_total", "change", change)).isZero();
    }
  }

  @Test
  void held_archives_and_failing_companies_are_gauges_per_company_that_can_fall() {
    metrics.held("1001", 12);
    metrics.held("1002", 0);
    metrics.failing("1001", 1);
    metrics.failing("1001", 2);
    metrics.failing("1001", 3);
    metrics.failing("1003", 4);
    metrics.failing("1003", 0);

    List<Sample> samples = scrape();

    assertThat(value(samples, "kb4sync_held_archives", "company_id", "1001")).isEqualTo(12);
    assertThat(value(samples, "kb4sync_held_archives", "company_id", "1002")).isZero();
    assertThat(value(samples, "kb4sync_company_failing", "company_id", "1001")).isEqualTo(3);
    assertThat(value(samples, "kb4sync_company_failing", "company_id", "1003")).isZero();
  }

  @Test
  void a_forgotten_company_has_no_series_left() {
    metrics.held("1001", 12);
    metrics.failing("1001", 3);
    metrics.held("1002", 1);

    metrics.forgetCompany("1001");
    metrics.failing("1002", 1);

    List<Sample> samples = scrape();
    assertThat(samples).noneMatch(s -> "1001".equals(s.labels().get("company_id")));
    assertThat(value(samples, "kb4sync_held_archives", "company_id", "1002")).isEqualTo(1);
    metrics.held("1001", 2);
    assertThat(value(scrape(), "kb4sync_held_archives", "company_id", "1001")).isEqualTo(2);
  }

  @Test
  void abandoned_and_skipped_runs_count_by_kind() {
    metrics.runAbandoned("sync");
    metrics.runSkipped("audit");
    metrics.runSkipped("audit");

    List<Sample> samples = scrape();

    assertThat(value(samples, "kb4sync_runs_abandoned_total", "kind", "sync")).isEqualTo(1);
    assertThat(value(samples, "kb4sync_runs_skipped_total", "kind", "audit")).isEqualTo(2);
  }

  @Test
  void a_company_id_with_quotes_and_backslashes_is_escaped_in_its_label() {
    metrics.held("acme \"north\" \\ 1", 1);

    assertThat(value(scrape(), "kb4sync_held_archives", "company_id", "acme \\\"north\\\" \\\\ 1"))
        .isEqualTo(1);
  }

  @Test
  void the_jvm_and_the_apis_requests_are_measured_too() {
    http.get("/api/v1/companies", FakeTokens.VIEWER);
    http.get("/api/v1/companies", null);

    List<Sample> samples = scrape();

    assertThat(samples)
        .extracting(Sample::name)
        .contains(
            "jvm_memory_used_bytes",
            "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "process_uptime_seconds");
    assertThat(
            value(
                samples,
                "http_server_requests_seconds_count",
                "method",
                "GET",
                "route",
                "/api/v1/companies",
                "status",
                "200"))
        .isEqualTo(1);
    assertThat(
            value(
                samples,
                "http_server_requests_seconds_count",
                "method",
                "GET",
                "route",
                "/api/v1/companies",
                "status",
                "401"))
        .isEqualTo(1);
  }

  @Test
  void unknown_kinds_and_negative_figures_are_refused() {
    assertThatThrownBy(() -> metrics.runEnded("full", Outcome.OK, Duration.ZERO, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.runEnded("sync", Outcome.OK, Duration.ZERO, 0, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("restored");
    assertThatThrownBy(
            () -> metrics.runEnded("sync", Outcome.OK, Duration.ofSeconds(-1), 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.held("1001", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.failing("1001", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.runSkipped("full"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
