package io.kb4sync.app.service;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.app.Connectors;
import io.kb4sync.app.Main;
import io.kb4sync.app.TestConnectors;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.server.Book;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.simulators.notify.WebhookReceiverSimulator;
import io.kb4sync.store.StateStoreException;
import io.kb4sync.store.StateStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service in-process on SQLite, over in-memory companies: schedules, the runner, the book. */
class ServiceTest {
  static final Caller OPS = Caller.apiToken("ops", Role.ADMIN);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final TestConnectors world = new TestConnectors();
  final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final List<AutoCloseable> open = new ArrayList<>();
  Path file;

  final Connectors connectors =
      new Connectors() {
        @Override
        public DirectorySource directory(CompanyConfig company) {
          DirectorySource real = world.directory(company);
          return () -> {
            CountDownLatch gate = gates.get(company.companyId());
            if (gate != null) {
              try {
                gate.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return real.read();
          };
        }

        @Override
        public TrainingPlatform platform(CompanyConfig company) {
          return world.platform(company);
        }

        @Override
        public StateStore store(Config config) {
          return StateStores.open(config.state(), config.folder());
        }
      };

  @BeforeEach
  void twoCompanies() {
    world.company(
        "1001",
        tenant(m365("ann"), m365("bob")),
        InMemoryPlatform.of(account(kb4("ann"), kb4("old"))));
    world.company("1002", tenant(m365("cat")), InMemoryPlatform.of(account()));
  }

  @AfterEach
  void close() throws Exception {
    gates.values().forEach(CountDownLatch::countDown);
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  static String yaml(String schedule, String extra) {
    return """
        state: "sqlite:state.db"
        parallel_companies: 1
        server: { dead_node_after: 12s }
        defaults:
          schedule: %s
        companies:
          - company_id: "1001"
            name: "Acme Corp"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "s" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
          - company_id: "1002"
            m365: { tenant_id: "beta.onmicrosoft.com", client_id: "app", client_secret: "s" }
            knowbe4: { scim_url: "https://eu.knowbe4.com/scim/v2", scim_token: "t" }
        %s
        """
        .formatted(schedule, extra);
  }

  Service start(String yaml) throws IOException {
    return start(yaml, new StopSignal());
  }

  Service start(String yaml, StopSignal stop) throws IOException {
    file = dir.resolve("kb4sync.yaml");
    Files.writeString(file, yaml);
    Config config = ConfigLoader.load(file, name -> null);
    Service service =
        Service.start(
            config,
            connectors,
            Clock.systemUTC(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            stop,
            name -> null,
            List.of());
    open.add(0, service);
    return service;
  }

  static <T> T await(String what, Supplier<Optional<T>> check) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = check.get();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  static RunRecord ended(Book book, String runId) {
    return await("run " + runId + " to end", () -> book.run(runId).filter(r -> !r.status().open()));
  }

  static Optional<RunRecord> first(Book book, String companyId, Predicate<RunRecord> which) {
    return book.runs(new Book.RunFilter(companyId, null, 50, null)).stream()
        .filter(which)
        .findFirst();
  }

  @Test
  void
      a_company_on_an_interval_runs_at_once_from_the_schedule_and_its_next_sync_counts_from_the_end()
          throws IOException {
    Service service = start(yaml("{ sync: 1m, audit: \"off\" }", ""));
    Book book = service.book();

    RunRecord run =
        await(
            "a scheduled sync of 1001",
            () -> first(book, "1001", r -> r.status() == RunStatus.FINISHED));
    assertThat(run.trigger()).isEqualTo(RunRecord.TRIGGER_SCHEDULE);
    assertThat(run.kind()).isEqualTo(RunRecord.SYNC);
    assertThat(run.outcome()).isEqualTo(Outcome.OK);

    Book.CompanyView view =
        await(
            "the next sync of 1001 after its run",
            () ->
                book.companies().stream()
                    .filter(c -> c.companyId().equals("1001"))
                    .filter(c -> c.nextSyncAt() != null && c.nextSyncAt().isAfter(run.finishedAt()))
                    .findFirst());
    assertThat(view.nextSyncAt())
        .isBetween(
            run.finishedAt().plus(Duration.ofMinutes(1)),
            run.finishedAt().plus(Duration.ofMinutes(1)).plusSeconds(5));
    assertThat(view.nextAuditAt()).isNull();
    assertThat(view.lastRun().runId()).isEqualTo(run.runId());
    assertThat(view.name()).isEqualTo("Acme Corp");
    assertThat(book.company("1001").orElseThrow().schedule())
        .isEqualTo(new Book.Schedule("1m", "off", "UTC"));
  }

  @Test
  void an_api_run_is_queued_runs_with_its_trigger_and_reports_what_kb4sync_sync_prints()
      throws Exception {
    Service service = start(yaml("{ sync: \"off\", audit: \"off\" }", ""));
    Book book = service.book();

    Book.RunStart start = book.start("1001", new Book.RunRequest("sync", true, null, null), OPS);

    assertThat(start).isInstanceOf(Book.RunStart.Queued.class);
    RunRecord run = ended(book, ((Book.RunStart.Queued) start).runId());
    assertThat(run.trigger()).isEqualTo("api:ops");
    assertThat(run.dryRun()).isTrue();
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                world,
                Clock.systemUTC(),
                dir,
                name -> null),
            "sync",
            "--config",
            file.toString(),
            "--company",
            "1001",
            "--dry-run");
    assertThat(code).isEqualTo(run.exitCode());
    assertThat(withoutTimestamp(run.reportJson()))
        .isEqualTo(withoutTimestamp(out.toString(StandardCharsets.UTF_8)));
  }

  static JsonNode withoutTimestamp(String json) throws IOException {
    JsonNode report = JSON.readTree(json);
    ((ObjectNode) report.get("sync_summary")).remove("sync_timestamp");
    return report;
  }

  @Test
  void a_busy_company_refuses_a_second_run_and_a_queued_run_is_cancelled_once() throws Exception {
    Service service = start(yaml("{ sync: \"off\", audit: \"off\" }", ""));
    Book book = service.book();
    gates.put("1001", new CountDownLatch(1));

    String first =
        ((Book.RunStart.Queued)
                book.start("1001", new Book.RunRequest("sync", false, null, null), OPS))
            .runId();
    await(
        "the first run to start",
        () -> book.run(first).filter(r -> r.status() == RunStatus.RUNNING));

    assertThat(book.start("1001", new Book.RunRequest("audit", false, null, null), OPS))
        .isInstanceOf(Book.RunStart.Busy.class);
    // One thread (parallel_companies: 1) is busy: 1002's run waits, queued.
    String waiting =
        ((Book.RunStart.Queued)
                book.start("1002", new Book.RunRequest("audit", false, null, null), OPS))
            .runId();
    assertThat(book.run(waiting).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

    assertThat(book.cancel(waiting, OPS)).isEqualTo(Book.Cancel.CANCELLED);
    assertThat(book.cancel(waiting, OPS)).isEqualTo(Book.Cancel.NOT_QUEUED);
    assertThat(book.cancel(first, OPS)).isEqualTo(Book.Cancel.NOT_QUEUED);
    assertThat(book.cancel("no-such-run", OPS)).isEqualTo(Book.Cancel.UNKNOWN);
    assertThat(book.start("9999", new Book.RunRequest("sync", false, null, null), OPS))
        .isInstanceOf(Book.RunStart.UnknownCompany.class);
    assertThat(book.start("1002", new Book.RunRequest("audit", true, null, null), OPS))
        .isEqualTo(new Book.RunStart.Refused("an audit takes kind only"));

    gates.get("1001").countDown();
    assertThat(ended(book, first).status()).isEqualTo(RunStatus.FINISHED);
    Thread.sleep(500);
    RunRecord cancelled = book.run(waiting).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(cancelled.outcome()).isNull();
    assertThat(world.tenantsRead()).doesNotContain("beta.onmicrosoft.com");
  }

  @Test
  void a_scheduled_run_that_finds_the_company_locked_is_recorded_skipped() throws Exception {
    file = dir.resolve("kb4sync.yaml");
    try (StateStore other = StateStores.open("sqlite:state.db", dir)) {
      CompanyLock held = other.lock("1001");
      open.add(held);
      Service service = start(yaml("{ sync: 1m, audit: \"off\" }", ""));
      RunRecord skipped =
          await(
              "1001's scheduled sync",
              () -> first(service.book(), "1001", r -> !r.status().open()));
      assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
      assertThat(skipped.trigger()).isEqualTo(RunRecord.TRIGGER_SCHEDULE);
      assertThat(skipped.outcome()).isNull();
      // The record is written before the line on stderr: wait for the line rather than race it.
      await(
          "the skipped run's line on stderr",
          () ->
              Optional.of(err.toString(StandardCharsets.UTF_8))
                  .filter(text -> text.contains("[1001] scheduled sync skipped")));
      RunRecord other1002 =
          await(
              "1002's scheduled sync",
              () -> first(service.book(), "1002", r -> !r.status().open()));
      assertThat(other1002.status()).isEqualTo(RunStatus.FINISHED);
    }
  }

  @Test
  void a_paused_company_has_no_next_times_until_it_is_resumed() throws Exception {
    int hour = hoursAway(12);
    Service service =
        start(yaml("{ sync: \"0 %d * * *\", audit: \"@weekly\" }".formatted(hour), ""));
    Book book = service.book();

    Book.CompanyView paused = book.setPaused("1002", true, OPS).orElseThrow();
    assertThat(paused.paused()).isTrue();
    assertThat(paused.nextSyncAt()).isNull();
    assertThat(paused.nextAuditAt()).isNull();
    assertThat(service.scheduler().paused("1002")).isTrue();

    Book.CompanyView resumed = book.setPaused("1002", false, OPS).orElseThrow();
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.nextSyncAt()).isAfter(Instant.now());
    assertThat(resumed.nextSyncAt().toString()).endsWith("T%02d:00:00Z".formatted(hour));
    assertThat(resumed.nextAuditAt()).isAfter(Instant.now());
    assertThat(book.setPaused("9999", true, OPS)).isEmpty();
  }

  @Test
  void a_reload_with_a_broken_file_is_refused_in_one_line_and_the_running_schedules_stay()
      throws Exception {
    Service service = start(yaml("{ sync: \"0 2 * * *\", audit: \"off\" }", ""));
    Book book = service.book();
    Instant before = book.companies().get(0).nextSyncAt();

    Files.writeString(file, yaml("{ sync: \"0 25 * * *\", audit: \"off\" }", ""));
    Book.Reload refused = book.reload(OPS);

    assertThat(refused.ok()).isFalse();
    assertThat(refused.problem()).contains("defaults.schedule.sync").doesNotContain("\n");
    assertThat(book.company("1001").orElseThrow().schedule().sync()).isEqualTo("0 2 * * *");
    assertThat(book.companies().get(0).nextSyncAt()).isEqualTo(before);

    Files.writeString(file, yaml("{ sync: \"30 3 * * *\", audit: \"off\" }", ""));
    assertThat(book.reload(OPS).ok()).isTrue();
    assertThat(book.company("1001").orElseThrow().schedule().sync()).isEqualTo("30 3 * * *");
    assertThat(book.companies().get(0).nextSyncAt().toString()).endsWith("T03:30:00Z");
  }

  @Test
  void a_run_the_stop_ends_while_it_reads_sends_no_notification_and_counts_as_no_failure()
      throws Exception {
    try (WebhookReceiverSimulator hooks = WebhookReceiverSimulator.start()) {
      StopSignal stop = new StopSignal();
      Service service =
          start(
              yaml(
                  "{ sync: \"off\", audit: \"off\" }",
                  "notifications: { webhooks: [ { url: \"" + hooks.webhookUrl() + "\" } ] }"),
              stop);
      gates.put("1002", new CountDownLatch(1)); // its Microsoft 365 read waits
      Book book = service.book();
      String runId =
          ((Book.RunStart.Queued)
                  book.start("1002", new Book.RunRequest("sync", false, null, null), OPS))
              .runId();
      await(
          "run " + runId + " to be reading",
          () -> book.run(runId).filter(r -> r.status() == RunStatus.RUNNING));

      stop.request("kb4sync was told to stop (SIGTERM)");
      RunRecord ended = ended(book, runId);

      assertThat(ended.status()).isEqualTo(RunStatus.FAILED);
      assertThat(JSON.readTree(ended.reportJson()).at("/errors/0/operation").asText())
          .isEqualTo("stop");
      assertThat(hooks.posts()).as("notifications").isEmpty();
      assertThat(service.failures().consecutiveFailures("1002")).isZero();
    }
  }

  @Test
  void a_second_service_on_the_same_sqlite_file_refuses_to_start_in_one_line() throws Exception {
    start(yaml("{ sync: \"off\", audit: \"off\" }", ""));
    assertThatThrownBy(() -> start(yaml("{ sync: \"off\", audit: \"off\" }", "")))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("another kb4sync serve uses sqlite:")
        .hasMessageContaining("one node only")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void the_book_shows_the_effective_variables_and_readiness_without_other_nodes() throws Exception {
    Service service = start(yaml("{ sync: \"off\" }", ""));
    Book book = service.book();

    Book.CompanyDetail detail = book.company("1001").orElseThrow();
    assertThat(detail.schedule()).isEqualTo(new Book.Schedule("off", "@weekly", "UTC"));
    assertThat(detail.company().nextSyncAt()).isNull();
    assertThat(detail.company().nextAuditAt()).isNotNull();
    assertThat(detail.variables().toString()).doesNotContain("\"s\"").doesNotContain("t}");
    assertThat(book.readiness().ready()).isTrue();
    assertThat(book.readiness().nodesWithOtherConfiguration()).isEmpty();
    assertThat(book.company("9999")).isEmpty();
  }

  @Test
  void after_three_failed_runs_in_a_row_one_notice_is_sent_and_no_message_a_night()
      throws Exception {
    try (WebhookReceiverSimulator hooks = WebhookReceiverSimulator.start()) {
      Service service =
          start(
              yaml(
                  "{ sync: \"off\", audit: \"off\" }",
                  "notifications: { webhooks: [ { url: \"" + hooks.webhookUrl() + "\" } ] }"));
      io.kb4sync.server.ServiceMetrics metrics = new io.kb4sync.server.ServiceMetrics();
      open.add(metrics);
      service.observe(service.metricsObserver(metrics));
      Book book = service.book();
      world.failing(
          "1002",
          new io.kb4sync.core.remote.RemoteException(
              io.kb4sync.core.remote.RemoteException.Kind.UNAVAILABLE, "Microsoft 365", "boom"));
      for (int i = 0; i < 5; i++) {
        String runId =
            ((Book.RunStart.Queued)
                    book.start("1002", new Book.RunRequest("sync", false, null, null), OPS))
                .runId();
        assertThat(ended(book, runId).status()).isEqualTo(RunStatus.FAILED);
      }
      // The observers (failure count, metrics) hear of a run just after it is recorded ended.
      await(
          "the fifth failure counted",
          () ->
              Optional.of(metrics.scrape())
                  .filter(m -> m.contains("kb4sync_company_failing{company_id=\"1002\"} 5"))
                  .filter(m -> m.contains("kb4sync_runs_total{kind=\"sync\",outcome=\"failed\"} 5"))
                  .filter(m -> service.failures().failing().getOrDefault("1002", 0) == 5));

      List<String> titles =
          hooks.posts().stream().map(p -> p.json().at("/notification/title").asText()).toList();
      assertThat(titles).hasSize(3);
      assertThat(titles.subList(0, 2)).allSatisfy(t -> assertThat(t).doesNotContain("in a row"));
      assertThat(titles.get(2)).contains("has failed 3 runs in a row");
      assertThat(service.failures().failing()).containsEntry("1002", 5);
      assertThat(metrics.scrape())
          .contains("kb4sync_company_failing{company_id=\"1002\"} 5")
          .contains("kb4sync_runs_total{kind=\"sync\",outcome=\"failed\"} 5");
    }
  }

  @Test
  void with_the_daily_digest_runs_send_no_message_of_their_own_and_the_digest_sums_up_the_book()
      throws Exception {
    try (WebhookReceiverSimulator hooks = WebhookReceiverSimulator.start()) {
      Service service =
          start(
              yaml(
                      "{ sync: \"off\", audit: \"off\" }",
                      "notifications: { when: always, digest: daily, webhooks: [ { url: \""
                          + hooks.webhookUrl()
                          + "\" } ] }")
                  .replace(
                      "defaults:\n",
                      "defaults:\n  variables: { knowbe4_notification_recipients: [noc@msp.example] }\n"));
      Book book = service.book();
      String runId =
          ((Book.RunStart.Queued)
                  book.start("1001", new Book.RunRequest("sync", false, null, null), OPS))
              .runId();
      assertThat(ended(book, runId).status()).isEqualTo(RunStatus.FINISHED);
      assertThat(hooks.posts()).isEmpty();
      assertThat(service.scheduler().planned("digest")).containsKey("book");

      io.kb4sync.core.notify.Notification digest =
          Digest.compose(
              service.config(),
              service.store(),
              Instant.now(),
              service.book()::heldArchives,
              service.failures().failing());
      assertThat(digest.title()).startsWith("KnowBe4 sync: daily digest of 2 companies — 1 ok");
      assertThat(digest.recipients()).containsExactly("noc@msp.example");
      assertThat(digest.severity()).isEqualTo(io.kb4sync.core.notify.Notification.Severity.INFO);
    }
  }

  @Test
  void an_approval_archives_exactly_the_held_set_by_its_fingerprint_and_another_is_held_again()
      throws Exception {
    List<People.Kb4> accounts = new ArrayList<>();
    accounts.add(kb4("ann"));
    for (int i = 0; i < 10; i++) {
      accounts.add(kb4("old" + i));
    }
    InMemoryPlatform platform = InMemoryPlatform.of(account(accounts.toArray(People.Kb4[]::new)));
    world.company("1001", tenant(m365("ann")), platform);
    Service service = start(yaml("{ sync: \"off\", audit: \"off\" }", ""));
    Book book = service.book();

    RunRecord held = ended(book, queued(book, new Book.RunRequest("sync", false, true, null)));
    JsonNode report = JSON.readTree(held.reportJson());
    assertThat(held.outcome()).isEqualTo(Outcome.HELD);
    String fingerprint = report.at("/staged_archives_fingerprint").asText();
    assertThat(fingerprint).isNotBlank();
    assertThat(book.companies().get(0).heldArchives()).isEqualTo(10);

    RunRecord wrong =
        ended(book, queued(book, new Book.RunRequest("sync", false, true, "not-" + fingerprint)));
    assertThat(wrong.outcome()).isEqualTo(Outcome.HELD);
    assertThat(JSON.readTree(wrong.reportJson()).at("/sync_summary/users_archived").asInt())
        .isZero();

    RunRecord approved =
        ended(book, queued(book, new Book.RunRequest("sync", false, true, fingerprint)));
    assertThat(approved.outcome()).isEqualTo(Outcome.OK);
    assertThat(JSON.readTree(approved.reportJson()).at("/sync_summary/users_archived").asInt())
        .isEqualTo(10);
    assertThat(approved.options()).contains("approve_held=" + fingerprint);
    assertThat(book.companies().get(0).heldArchives()).isZero();
  }

  static String queued(Book book, Book.RunRequest request) {
    return ((Book.RunStart.Queued) book.start("1001", request, OPS)).runId();
  }

  @Test
  void a_run_missed_while_no_node_was_up_runs_once_at_the_start_and_never_as_a_backlog()
      throws Exception {
    // The daily time is half a day from now: a real 02:00 falling inside the test (a build at
    // 01:59 UTC) would add a scheduled run that is no backlog.
    int hour = hoursAway(12);
    String schedule = "{ sync: \"0 %d * * *\", audit: \"off\" }".formatted(hour);
    Service first = start(yaml(schedule, ""));
    first.close();
    open.remove(first);
    // The node was down for three days past the company's due time.
    try (java.sql.Connection db =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        java.sql.PreparedStatement ps =
            db.prepareStatement(
                "UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = 'sync'")) {
      ps.setTimestamp(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(3))));
      assertThat(ps.executeUpdate()).isEqualTo(2);
    }

    Service second = start(yaml(schedule, ""));
    Book book = second.book();
    for (String company : List.of("1001", "1002")) {
      await(
          "the catch-up sync of " + company,
          () -> first(book, company, r -> r.status() == RunStatus.FINISHED));
    }
    Thread.sleep(1500);
    for (String company : List.of("1001", "1002")) {
      assertThat(book.runs(new Book.RunFilter(company, null, 50, null))).hasSize(1);
    }
    await(
        "the next syncs at the daily time",
        () ->
            book.companies().stream()
                    .allMatch(c -> c.nextSyncAt() != null && c.nextSyncAt().isAfter(Instant.now()))
                ? Optional.of(true)
                : Optional.empty());
    assertThat(book.companies())
        .allSatisfy(
            c -> assertThat(c.nextSyncAt().toString()).endsWith("T%02d:00:00Z".formatted(hour)));
  }

  /** The UTC hour {@code hours} from now: a daily time that does not come round during a test. */
  static int hoursAway(int hours) {
    return Instant.now().atZone(java.time.ZoneOffset.UTC).plusHours(hours).getHour();
  }
}
