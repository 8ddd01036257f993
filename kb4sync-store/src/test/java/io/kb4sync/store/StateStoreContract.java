package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariConfig;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateChanges;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.testing.DashboardStoreContract;
import io.kb4sync.core.testing.RunHistoryContract;
import io.kb4sync.core.testing.TenantMappingContract;
import io.kb4sync.core.testing.TokenStoreContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every state store must have. Each database's subclass only says where an empty
 * database is, how to make one insert fail (for the atomicity test) and how to tune the test pool.
 */
abstract class StateStoreContract {

  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123Z");
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tempDir;

  private String location;
  private final Deque<AutoCloseable> toClose = new java.util.concurrent.ConcurrentLinkedDeque<>();

  /** The {@code state} location of an empty database that only this test uses. */
  protected abstract String emptyDatabase() throws Exception;

  /** SQL that makes any insert of a managed group with this name fail inside the database. */
  protected abstract List<String> failInsertsOfManagedGroupNamed(String name);

  /** Applied last to each test store's pool. */
  protected void tunePool(HikariConfig config) {}

  @BeforeEach
  void createEmptyDatabase() throws Exception {
    location = emptyDatabase();
  }

  @AfterEach
  void closeEverything() throws Exception {
    while (!toClose.isEmpty()) {
      toClose.pop().close();
    }
  }

  protected final String location() {
    return location;
  }

  protected final JdbcStateStore openStore() {
    JdbcStateStore store =
        StateStores.openWith(StateLocation.parse(location, tempDir), this::tunePool);
    toClose.push(store);
    return store;
  }

  private static Link link(String m365Id, String knowbe4Id, String email, Instant lastSeen) {
    return new Link(m365Id, knowbe4Id, email, lastSeen);
  }

  private static RunRecord run(String companyId, Instant startedAt, Outcome outcome) {
    return RunRecord.start(
            companyId,
            RunRecord.SYNC,
            false,
            startedAt,
            RunRecord.TRIGGER_CLI,
            RunOwner.current(),
            "--company " + companyId)
        .finish(outcome, startedAt.plusSeconds(42), "{\"success\":true}");
  }

  // ---- state of a company ----

  @Test
  void a_company_never_synced_loads_as_empty_state() {
    JdbcStateStore store = openStore();

    assertThat(store.load("1001")).isEqualTo(CompanyState.empty());
  }

  @Test
  void committed_links_and_managed_groups_load_back_keyed_by_m365_id() {
    JdbcStateStore store = openStore();
    Link alice = link("m-alice", "kb-1", "alice@acme.example", T0);
    Link bob = link("m-bob", "kb-2", "bob@acme.example", T0.plusSeconds(1));

    store.commit("1001", new StateChanges(List.of(alice, bob), Set.of("All Users", "Sales Team")));

    CompanyState state = store.load("1001");
    assertThat(state.links()).isEqualTo(Map.of("m-alice", alice, "m-bob", bob));
    assertThat(state.managedGroups()).containsExactlyInAnyOrder("All Users", "Sales Team");
  }

  @Test
  void state_outlives_the_store_that_wrote_it() {
    JdbcStateStore writer = openStore();
    Link alice = link("m-alice", "kb-1", "alice@acme.example", T0);
    writer.commit("1001", new StateChanges(List.of(alice), Set.of("All Users")));
    RunRecord run = run("1001", T0, Outcome.OK);
    writer.importRuns(List.of(run));
    writer.close();

    JdbcStateStore reader = openStore();

    assertThat(reader.load("1001"))
        .isEqualTo(new CompanyState(Map.of("m-alice", alice), Set.of("All Users")));
    assertThat(reader.runs(RunQuery.ofCompany("1001", 10))).containsExactly(run);
  }

  @Test
  void committing_a_link_again_for_the_same_m365_id_replaces_the_stored_one() {
    JdbcStateStore store = openStore();
    store.commit(
        "1001",
        new StateChanges(List.of(link("m-alice", "kb-1", "alice@acme.example", T0)), Set.of()));
    Link renamed = link("m-alice", "kb-9", "alice.smith@acme.example", T0.plusSeconds(3600));

    store.commit("1001", new StateChanges(List.of(renamed), Set.of()));

    assertThat(store.load("1001").links()).isEqualTo(Map.of("m-alice", renamed));
  }

  @Test
  void links_left_out_of_a_commit_are_kept() {
    JdbcStateStore store = openStore();
    Link alice = link("m-alice", "kb-1", "alice@acme.example", T0);
    Link bob = link("m-bob", "kb-2", "bob@acme.example", T0);
    store.commit("1001", new StateChanges(List.of(alice), Set.of()));

    store.commit("1001", new StateChanges(List.of(bob), Set.of()));

    assertThat(store.load("1001").links()).containsOnlyKeys("m-alice", "m-bob");
  }

  @Test
  void forgotten_links_are_removed_and_the_others_kept() {
    JdbcStateStore store = openStore();
    Link alice = link("m-alice", "kb-1", "alice@acme.example", T0);
    Link bob = link("m-bob", "pending-create:m-bob", "bob@acme.example", T0);
    store.commit("1001", new StateChanges(List.of(alice, bob), Set.of()));
    store.commit("1002", new StateChanges(List.of(bob), Set.of()));

    store.commit("1001", new StateChanges(List.of(), Set.of("m-bob"), Set.of()));

    assertThat(store.load("1001").links()).containsOnlyKeys("m-alice");
    assertThat(store.load("1002").links()).containsOnlyKeys("m-bob");
  }

  @Test
  void of_two_links_for_one_m365_id_in_one_commit_the_later_wins() {
    JdbcStateStore store = openStore();
    Link first = link("m-alice", "kb-1", "alice@acme.example", T0);
    Link later = link("m-alice", "kb-2", "alice@acme.example", T0.plusSeconds(1));

    store.commit("1001", new StateChanges(List.of(first, later), Set.of()));

    assertThat(store.load("1001").links()).isEqualTo(Map.of("m-alice", later));
  }

  @Test
  void a_link_without_email_or_last_seen_time_loads_back_with_nulls() {
    JdbcStateStore store = openStore();
    Link bare = link("m-alice", "kb-1", null, null);

    store.commit("1001", new StateChanges(List.of(bare), Set.of()));

    assertThat(store.load("1001").links().get("m-alice")).isEqualTo(bare);
  }

  @Test
  void each_commit_replaces_the_managed_groups_with_its_own_set() {
    JdbcStateStore store = openStore();
    store.commit("1001", new StateChanges(List.of(), Set.of("All Users", "Sales Team")));

    store.commit("1001", new StateChanges(List.of(), Set.of("All Users", "Finance")));
    assertThat(store.load("1001").managedGroups())
        .containsExactlyInAnyOrder("All Users", "Finance");

    store.commit("1001", new StateChanges(List.of(), Set.of()));
    assertThat(store.load("1001").managedGroups()).isEmpty();
  }

  @Test
  void group_names_differing_only_in_letter_case_are_two_groups() {
    JdbcStateStore store = openStore();

    store.commit("1001", new StateChanges(List.of(), Set.of("Sales", "sales")));

    assertThat(store.load("1001").managedGroups()).containsExactlyInAnyOrder("Sales", "sales");
  }

  @Test
  void a_failed_commit_leaves_the_earlier_state_untouched() throws SQLException {
    JdbcStateStore store = openStore();
    Link alice = link("m-alice", "kb-1", "alice@acme.example", T0);
    store.commit("1001", new StateChanges(List.of(alice), Set.of("All Users")));
    CompanyState before = store.load("1001");
    try (Connection connection = store.pool().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : failInsertsOfManagedGroupNamed("Poisoned")) {
        statement.execute(sql);
      }
    }

    // The links go first and succeed; the poisoned group fails after them.
    StateChanges failing =
        new StateChanges(
            List.of(
                link("m-alice", "kb-1", "alice.new@acme.example", T0.plusSeconds(60)),
                link("m-bob", "kb-2", "bob@acme.example", T0.plusSeconds(60))),
            Set.of("Sales Team", "Poisoned"));
    assertThatThrownBy(() -> store.commit("1001", failing))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("company 1001");

    assertThat(store.load("1001")).isEqualTo(before);
    store.commit("1001", new StateChanges(List.of(), Set.of("Sales Team")));
    assertThat(store.load("1001").managedGroups()).containsExactly("Sales Team");
  }

  @Test
  void ten_thousand_links_commit_and_load_back() {
    JdbcStateStore store = openStore();
    List<Link> links = manyLinks(10_000, T0);

    long started = System.nanoTime();
    store.commit("1001", new StateChanges(links, Set.of("All Users")));
    long committed = System.nanoTime();
    CompanyState state = store.load("1001");
    long loaded = System.nanoTime();

    assertThat(state.links()).hasSize(10_000);
    assertThat(state.links().values()).containsExactlyInAnyOrderElementsOf(links);
    System.err.printf(
        "%s: commit of 10,000 links %d ms, load %d ms%n",
        getClass().getSimpleName(),
        TimeUnit.NANOSECONDS.toMillis(committed - started),
        TimeUnit.NANOSECONDS.toMillis(loaded - committed));
  }

  @Test
  void commits_of_several_companies_at_once_through_two_stores_all_land() throws Exception {
    // Two stores stand for two processes on one database: on SQLite, two writers.
    List<JdbcStateStore> stores = List.of(openStore(), openStore());
    JdbcStateStore store = stores.get(0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> commits = new ArrayList<>();
      for (int company = 0; company < 8; company++) {
        String companyId = "c" + company;
        JdbcStateStore writer = stores.get(company % 2);
        commits.add(
            pool.submit(
                () ->
                    writer.commit(
                        companyId, new StateChanges(manyLinks(500, T0), Set.of(companyId)))));
      }
      for (Future<?> commit : commits) {
        commit.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (int company = 0; company < 8; company++) {
      CompanyState state = store.load("c" + company);
      assertThat(state.links()).hasSize(500);
      assertThat(state.managedGroups()).containsExactly("c" + company);
    }
  }

  @Test
  void a_new_database_opened_by_several_runs_at_once_is_migrated_once() throws Exception {
    int runs = 4;
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(runs);
    try {
      List<Future<JdbcStateStore>> opened = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  return openStore();
                }));
      }
      for (Future<JdbcStateStore> store : opened) {
        assertThat(store.get(60, TimeUnit.SECONDS).load("1001")).isEqualTo(CompanyState.empty());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Link> manyLinks(int count, Instant lastSeen) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                link("m365-" + i, "kb4-" + i, "user" + i + "@acme.example", lastSeen.plusMillis(i)))
        .toList();
  }

  // ---- run history ----

  /** The run history every store keeps (core's RunHistoryContract), on this database. */
  @Nested
  class RunHistory extends RunHistoryContract {
    @Override
    protected StateStore emptyStore() {
      return openStore();
    }
  }

  // ---- API tokens ----

  /** The API tokens every store keeps (core's TokenStoreContract), on this database. */
  @Nested
  class Tokens extends TokenStoreContract {
    @Override
    protected StateStore emptyStore() {
      return openStore();
    }
  }

  /** The dashboard's accounts, sessions and audit log (core's DashboardStoreContract), here. */
  @Nested
  class Dashboard extends DashboardStoreContract {
    @Override
    protected StateStore emptyStore() {
      return openStore();
    }
  }

  /** The tenant mappings every store keeps (core's TenantMappingContract), on this database. */
  @Nested
  class Mappings extends TenantMappingContract {
    @Override
    protected StateStore emptyStore() {
      return openStore();
    }
  }

  @Test
  void a_run_started_by_one_process_is_ended_by_what_it_stored_when_read_by_the_next() {
    JdbcStateStore first = openStore();
    RunRecord started =
        RunRecord.start(
            "1001", RunRecord.AUDIT, false, T0, RunRecord.TRIGGER_SCHEDULE, RunOwner.current(), "");
    first.startRun(started);
    first.finishRun(started.runId(), Outcome.HELD, T0.plusSeconds(5), "{\"held\": 2}");
    first.close();

    JdbcStateStore next = openStore();

    assertThat(next.run(started.runId()))
        .contains(started.finish(Outcome.HELD, T0.plusSeconds(5), "{\"held\": 2}"));
  }

  @Test
  void runs_recorded_before_the_history_had_statuses_migrate_with_outcomes_from_exit_codes()
      throws Exception {
    StateLocation parsed = StateLocation.parse(location(), tempDir);
    javax.sql.DataSource unpooled =
        parsed instanceof StateLocation.Sqlite sqlite
            ? StateStores.sqliteDataSource(prepared(sqlite.file()))
            : StateStores.postgresDataSource((StateLocation.Postgres) parsed);
    Dialect dialect = parsed instanceof StateLocation.Sqlite ? Dialect.SQLITE : Dialect.POSTGRESQL;
    StateStores.migrate(unpooled, dialect, parsed.describe(), "1");
    long ms = T0.toEpochMilli();
    try (Connection connection = unpooled.getConnection();
        Statement statement = connection.createStatement()) {
      String dry = dialect == Dialect.SQLITE ? "1" : "true";
      String real = dialect == Dialect.SQLITE ? "0" : "false";
      for (String row :
          List.of(
              "'1001', 'sync', "
                  + real
                  + ", "
                  + ms
                  + ", "
                  + (ms + 1000)
                  + ", 0, '--company 1001', '{}'",
              "'1001', 'sync', " + dry + ", " + ms + ", " + (ms + 2000) + ", 3, null, null",
              "'1001', 'audit', "
                  + real
                  + ", "
                  + (ms - 5000)
                  + ", "
                  + ms
                  + ", 4, null, '{\"a\":1}'",
              "'1002', 'sync', "
                  + real
                  + ", "
                  + (ms + 9000)
                  + ", "
                  + (ms + 9500)
                  + ", 1, null, null",
              "'1002', 'sync', "
                  + real
                  + ", "
                  + (ms + 9000)
                  + ", "
                  + (ms + 9000)
                  + ", 2, null, null")) {
        statement.execute(
            "INSERT INTO runs (company_id, kind, dry_run, started_at_ms, finished_at_ms,"
                + " exit_code, options, report_json) VALUES ("
                + row
                + ")");
      }
    }

    JdbcStateStore store = openStore();

    List<RunRecord> runs = store.runs(RunQuery.newest(10));
    assertThat(runs)
        .extracting(RunRecord::companyId, RunRecord::kind, RunRecord::status, RunRecord::outcome)
        .containsExactly(
            tuple("1002", "sync", RunStatus.FAILED, Outcome.CONFIG_ERROR),
            tuple("1002", "sync", RunStatus.FAILED, Outcome.FAILED),
            tuple("1001", "sync", RunStatus.FINISHED, Outcome.PARTIAL),
            tuple("1001", "sync", RunStatus.FINISHED, Outcome.OK),
            tuple("1001", "audit", RunStatus.FINISHED, Outcome.HELD));
    assertThat(runs).extracting(RunRecord::exitCode).containsExactly(2, 1, 3, 0, 4);
    assertThat(runs).extracting(RunRecord::trigger).containsOnly(RunRecord.TRIGGER_CLI);
    assertThat(runs).extracting(RunRecord::owner).containsOnlyNulls();
    assertThat(runs)
        .extracting(RunRecord::runId)
        .doesNotHaveDuplicates()
        .allMatch(id -> !id.isBlank());
    RunRecord first = runs.get(3);
    assertThat(first.startedAt()).isEqualTo(Instant.ofEpochMilli(ms));
    assertThat(first.finishedAt()).isEqualTo(Instant.ofEpochMilli(ms + 1000));
    assertThat(first.options()).isEqualTo("--company 1001");
    assertThat(first.reportJson()).isEqualTo("{}");
    assertThat(first.dryRun()).isFalse();
    assertThat(runs.get(2).dryRun()).isTrue();
    assertThat(store.abandonDeadRuns(owner -> false, T0)).isZero();
  }

  /** The SQLite file as the store would create it before migrating (owner-only). */
  private static Path prepared(Path file) throws IOException {
    OwnerOnly.folder(file.getParent());
    OwnerOnly.file(file);
    return file;
  }

  // ---- time ----

  @Test
  void instants_round_trip_exactly_to_the_millisecond_whatever_the_jvm_time_zone() {
    List<Instant> instants =
        List.of(
            Instant.EPOCH,
            Instant.parse("1969-12-31T23:59:59.999Z"),
            Instant.parse("2026-03-08T10:30:00.001Z"), // 02:30 in Los Angeles: does not exist
            Instant.parse("2026-11-01T08:30:00.999Z"), // 01:30 in Los Angeles: happens twice
            Instant.parse("2026-03-29T01:30:00.500Z"), // in Europe's spring-forward hour
            Instant.parse("9999-12-31T23:59:59.999Z"));
    TimeZone jvmZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham")); // +12:45/+13:45
    try {
      JdbcStateStore store = openStore();
      List<Link> links = new ArrayList<>();
      for (int i = 0; i < instants.size(); i++) {
        Instant instant = instants.get(i);
        links.add(link("m" + i, "k" + i, null, instant));
        store.importRuns(
            List.of(
                RunRecord.start("1001", "sync", false, instant, "cli", "me", String.valueOf(i))
                    .finish(Outcome.OK, instant, null)));
      }
      store.commit("1001", new StateChanges(links, Set.of()));

      Map<String, Instant> lastSeen = new TreeMap<>();
      store.load("1001").links().forEach((id, l) -> lastSeen.put(id, l.lastSeenInScope()));
      assertThat(lastSeen.values()).containsExactlyElementsOf(instants);
      assertThat(store.runs(RunQuery.ofCompany("1001", 10)))
          .extracting(RunRecord::startedAt)
          .containsExactlyElementsOf(instants.stream().sorted((a, b) -> b.compareTo(a)).toList());
    } finally {
      TimeZone.setDefault(jvmZone);
    }
  }

  @Test
  void digits_finer_than_a_millisecond_are_dropped() {
    JdbcStateStore store = openStore();
    Instant fine = Instant.parse("2026-11-20T08:00:00.123456789Z");

    store.commit("1001", new StateChanges(List.of(link("m", "k", null, fine)), Set.of()));

    assertThat(store.load("1001").links().get("m").lastSeenInScope())
        .isEqualTo(Instant.parse("2026-11-20T08:00:00.123Z"));
  }

  // ---- companies ----

  @Test
  void two_companies_never_see_each_others_state() {
    JdbcStateStore store = openStore();
    Link acmeAlice = link("m-alice", "kb-acme", "alice@acme.example", T0);
    Link globexAlice = link("m-alice", "kb-globex", "alice@globex.example", T0.plusSeconds(5));
    store.commit("acme", new StateChanges(List.of(acmeAlice), Set.of("Acme Users")));
    store.commit("globex", new StateChanges(List.of(globexAlice), Set.of("Globex Users")));
    RunRecord acmeRun = run("acme", T0, Outcome.OK);
    store.importRuns(List.of(acmeRun, run("globex", T0.plusSeconds(1), Outcome.HELD)));
    store.rememberTicket("acme", "sync-failed", "T-1", "connectwise", T0);

    store.commit("globex", new StateChanges(List.of(), Set.of()));

    assertThat(store.load("acme"))
        .isEqualTo(new CompanyState(Map.of("m-alice", acmeAlice), Set.of("Acme Users")));
    assertThat(store.load("globex"))
        .isEqualTo(new CompanyState(Map.of("m-alice", globexAlice), Set.of()));
    assertThat(store.runs(RunQuery.ofCompany("acme", 10))).containsExactly(acmeRun);
    assertThat(store.openTicket("globex", "sync-failed")).isEmpty();
    try (CompanyLock acme = store.lock("acme")) {
      assertThatCode(() -> store.lock("globex").close()).doesNotThrowAnyException();
      assertThat(acme).isNotNull();
    }
  }

  // ---- tickets ----

  @Test
  void a_remembered_ticket_is_open_until_forgotten() {
    JdbcStateStore store = openStore();
    assertThat(store.openTicket("1001", "sync-failed")).isEmpty();

    store.rememberTicket("1001", "sync-failed", "CW-4711", "connectwise", T0);
    assertThat(store.openTicket("1001", "sync-failed")).contains("CW-4711");
    assertThat(store.openTicket("1001", "archive-held")).isEmpty();

    store.forgetTicket("1001", "sync-failed");
    assertThat(store.openTicket("1001", "sync-failed")).isEmpty();
    assertThatCode(() -> store.forgetTicket("1001", "sync-failed")).doesNotThrowAnyException();
  }

  @Test
  void remembering_a_ticket_again_replaces_the_earlier_one() {
    JdbcStateStore store = openStore();
    store.rememberTicket("1001", "sync-failed", "CW-1", "connectwise", T0);

    store.rememberTicket("1001", "sync-failed", "HALO-2", "halo", T0.plusSeconds(60));

    assertThat(store.openTicket("1001", "sync-failed")).isEqualTo(Optional.of("HALO-2"));
  }

  // ---- locks ----

  @Test
  void a_held_company_lock_is_refused_until_it_is_closed() {
    JdbcStateStore store = openStore();
    CompanyLock lock = store.lock("1001");

    assertThatThrownBy(() -> store.lock("1001"))
        .isInstanceOf(CompanyLockedException.class)
        .hasMessageContaining("1001");

    lock.close();
    lock.close(); // closing twice is harmless
    assertThatCode(() -> store.lock("1001").close()).doesNotThrowAnyException();
  }

  @Test
  void a_lock_held_through_another_store_in_this_process_is_refused_to_other_threads()
      throws Exception {
    JdbcStateStore first = openStore();
    JdbcStateStore second = openStore();
    try (CompanyLock held = first.lock("1001")) {
      CompletableFuture<Throwable> attempt =
          CompletableFuture.supplyAsync(
              () -> {
                try (CompanyLock stolen = second.lock("1001")) {
                  return new AssertionError("took " + stolen + " held by " + held);
                } catch (RuntimeException e) {
                  return e;
                }
              });
      assertThat(attempt.get(30, TimeUnit.SECONDS)).isInstanceOf(CompanyLockedException.class);
    }
    assertThatCode(() -> second.lock("1001").close()).doesNotThrowAnyException();
  }

  @Test
  void closing_the_store_releases_the_locks_it_still_holds() {
    JdbcStateStore first = openStore();
    CompanyLock forgotten = first.lock("1001");
    JdbcStateStore second = openStore();
    assertThatThrownBy(() -> second.lock("1001")).isInstanceOf(CompanyLockedException.class);

    first.close();

    assertThatCode(() -> second.lock("1001").close()).doesNotThrowAnyException();
    assertThatCode(forgotten::close).doesNotThrowAnyException();
  }

  @Test
  void a_lock_held_by_a_live_other_process_is_refused() throws Exception {
    JdbcStateStore store = openStore();
    try (LockHolder other = LockHolder.start(location(), "1001")) {
      assertThatThrownBy(() -> store.lock("1001")).isInstanceOf(CompanyLockedException.class);
      assertThatCode(() -> store.lock("1002").close()).doesNotThrowAnyException();
      assertThat(other.process.isAlive()).isTrue();
    }
  }

  @Test
  void a_lock_held_by_a_killed_process_is_free_again() throws Exception {
    JdbcStateStore store = openStore();
    try (LockHolder other = LockHolder.start(location(), "1001")) {
      assertThatThrownBy(() -> store.lock("1001")).isInstanceOf(CompanyLockedException.class);

      other.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      // PostgreSQL frees the lock when it notices the dead socket: soon, but not instantly.
      CompanyLock lock = lockWithin(store, "1001", Duration.ofSeconds(15));
      lock.close();
    }
  }

  @Test
  void another_process_is_refused_a_lock_this_one_holds_even_after_a_refusal_here()
      throws Exception {
    JdbcStateStore store = openStore();
    try (CompanyLock held = store.lock("1001")) {
      // With POSIX locks, closing any descriptor of the file drops the process's lock on it: a
      // refused attempt here must not have opened (and closed) the lock file again.
      assertThatThrownBy(() -> openStore().lock("1001")).isInstanceOf(CompanyLockedException.class);
      ProcessBuilder builder = LockHolder.command(location(), "1001");
      Process child = builder.start();
      child.getOutputStream().close();
      assertThat(child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("child finished")
          .isTrue();
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).as("child stdout while %s is held", held).contains(LockHolderMain.REFUSED);
      assertThat(child.exitValue()).isEqualTo(3);
    }
  }

  private static CompanyLock lockWithin(JdbcStateStore store, String companyId, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        return store.lock(companyId);
      } catch (CompanyLockedException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * A second JVM on the test classpath that holds a company's lock (see {@link LockHolderMain}).
   */
  static final class LockHolder implements AutoCloseable {
    final Process process;
    private final Path stderr;

    private LockHolder(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
    }

    static ProcessBuilder command(String location, String companyId) throws IOException {
      Path stderr = Files.createTempFile("kb4sync-lock-holder", ".log");
      stderr.toFile().deleteOnExit();
      return new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              LockHolderMain.class.getName(),
              location,
              companyId)
          .redirectError(stderr.toFile());
    }

    static LockHolder start(String location, String companyId) throws Exception {
      ProcessBuilder builder = command(location, companyId);
      Path stderr = builder.redirectError().file().toPath();
      LockHolder holder = new LockHolder(builder.start(), stderr);
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> firstLine =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return String.valueOf(out.readLine());
                } catch (IOException e) {
                  return e.toString();
                }
              });
      String line;
      try {
        line = firstLine.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        holder.close();
        throw new AssertionError("lock holder said nothing; its stderr: " + holder.stderr(), e);
      }
      if (!line.startsWith(LockHolderMain.LOCKED)) {
        holder.close();
        throw new AssertionError(
            "lock holder said " + line + " instead of LOCKED; its stderr: " + holder.stderr());
      }
      return holder;
    }

    private String stderr() {
      try {
        return Files.readString(stderr);
      } catch (IOException e) {
        return e.toString();
      }
    }

    @Override
    public void close() {
      try {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- schema ----

  private static final Map<String, Set<String>> SCHEMA =
      Map.ofEntries(
          Map.entry(
              "pending_writes",
              Set.of(
                  "company_id",
                  "write_key",
                  "kind",
                  "knowbe4_id",
                  "m365_id",
                  "email",
                  "attribute",
                  "expected",
                  "first_sent_ms",
                  "last_sent_ms")),
          Map.entry("request_counts", Set.of("counter", "minute_ms", "requests")),
          Map.entry(
              "runs",
              Set.of(
                  "run_id",
                  "company_id",
                  "kind",
                  "dry_run",
                  "status",
                  "outcome",
                  "started_at_ms",
                  "finished_at_ms",
                  "triggered_by",
                  "owner",
                  "options",
                  "report_json")),
          Map.entry(
              "links", Set.of("company_id", "m365_id", "knowbe4_id", "email", "last_seen_ms")),
          Map.entry("managed_groups", Set.of("company_id", "name")),
          Map.entry(
              "api_tokens",
              Set.of(
                  "name", "role", "sha256", "created_at_ms", "expires_at_ms", "last_used_at_ms")),
          Map.entry("tenant_mappings", Set.of("company_id", "tenant_id", "mapped_at_ms")),
          // The dashboard (V7): accounts, sessions, the audit log of admin actions.
          Map.entry(
              "dashboard_accounts",
              Set.of(
                  "name",
                  "role",
                  "source",
                  "phc_hash",
                  "disabled",
                  "created_at_ms",
                  "last_sign_in_at_ms")),
          Map.entry(
              "dashboard_sessions",
              Set.of("sha256", "name", "role", "created_at_ms", "last_seen_at_ms")),
          Map.entry(
              "admin_actions", Set.of("id", "at_ms", "actor", "action", "company_id", "detail")),
          Map.entry("tickets", Set.of("company_id", "kind", "ticket_id", "system", "opened_at_ms")),
          // Service mode (V4): db-scheduler's table, the cluster's nodes, paused companies.
          Map.entry(
              "scheduled_tasks",
              Set.of(
                  "task_name",
                  "task_instance",
                  "task_data",
                  "execution_time",
                  "picked",
                  "picked_by",
                  "last_success",
                  "last_failure",
                  "consecutive_failures",
                  "last_heartbeat",
                  "version",
                  "priority")),
          Map.entry(
              "service_nodes", Set.of("node", "config_hash", "started_at_ms", "heartbeat_at_ms")),
          Map.entry("paused_companies", Set.of("company_id", "paused_at_ms", "paused_by")));

  @Test
  void the_schema_holds_exactly_these_tables_and_columns() throws SQLException {
    Map<String, Set<String>> columns = columnsByTable(openStore());

    columns.remove("flyway_schema_history");
    assertThat(columns).isEqualTo(SCHEMA);
  }

  @Test
  void no_column_of_any_table_is_named_like_a_credential() throws SQLException {
    Map<String, Set<String>> columns = columnsByTable(openStore());

    assertThat(columns).containsKeys("links", "runs", "tickets", "flyway_schema_history");
    assertThat(columns.values().stream().flatMap(Set::stream))
        .noneMatch(
            name ->
                name.matches("(?i).*(secret|token|passw|pwd|credential|api_?key|cert|private).*"));
  }

  private static Map<String, Set<String>> columnsByTable(JdbcStateStore store) throws SQLException {
    Map<String, Set<String>> columns = new TreeMap<>();
    try (Connection connection = store.pool().getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rs = meta.getColumns(null, connection.getSchema(), "%", "%")) {
        while (rs.next()) {
          columns
              .computeIfAbsent(rs.getString("TABLE_NAME"), t -> new TreeSet<>())
              .add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    columns.keySet().removeIf(table -> table.startsWith("sqlite_"));
    return columns;
  }

  // ---- measurement (opt in: -Dkb4sync.bench=true) ----

  @Test
  @EnabledIfSystemProperty(named = "kb4sync.bench", matches = "true")
  void measure_committing_and_loading_ten_thousand_links() {
    JdbcStateStore store = openStore();
    int rounds = 7;
    long[] insert = new long[rounds];
    long[] update = new long[rounds];
    long[] load = new long[rounds];
    for (int round = 0; round < rounds; round++) {
      String company = "bench-" + round;
      long t0 = System.nanoTime();
      store.commit(company, new StateChanges(manyLinks(10_000, T0), Set.of("All Users")));
      long t1 = System.nanoTime();
      store.commit(
          company, new StateChanges(manyLinks(10_000, T0.plusSeconds(60)), Set.of("All Users")));
      long t2 = System.nanoTime();
      assertThat(store.load(company).links()).hasSize(10_000);
      long t3 = System.nanoTime();
      insert[round] = t1 - t0;
      update[round] = t2 - t1;
      load[round] = t3 - t2;
    }
    System.err.printf(
        "BENCH %s 10,000 links (median of %d, first round included in the range):"
            + " commit new %s, commit over existing %s, load %s%n",
        getClass().getSimpleName(), rounds, stats(insert), stats(update), stats(load));
  }

  private static String stats(long[] nanos) {
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    return String.format(
        "%d ms [%d..%d]",
        TimeUnit.NANOSECONDS.toMillis(sorted[sorted.length / 2]),
        TimeUnit.NANOSECONDS.toMillis(sorted[0]),
        TimeUnit.NANOSECONDS.toMillis(sorted[sorted.length - 1]));
  }

  // ---- V5: writes not yet seen applied, request counts ----

  @Test
  void pendingWritesAreReplacedAsAWholePerCompanyAndKeepEveryField() {
    JdbcStateStore store = openStore();
    io.kb4sync.core.state.PendingWrite create =
        new io.kb4sync.core.state.PendingWrite(
            io.kb4sync.core.state.PendingWrite.Kind.CREATE,
            "kb-1",
            "m-1",
            "ann@acme.example",
            null,
            null,
            T0,
            T0.plusSeconds(3600));
    io.kb4sync.core.state.PendingWrite update =
        new io.kb4sync.core.state.PendingWrite(
            io.kb4sync.core.state.PendingWrite.Kind.UPDATE,
            "kb-2",
            null,
            "bob@acme.example",
            io.kb4sync.core.training.Attribute.TITLE,
            null,
            T0,
            T0);
    store.replacePendingWrites("c1", List.of(create, update));
    store.replacePendingWrites("c2", List.of(update));

    assertThat(store.pendingWrites("c1")).containsExactlyInAnyOrder(create, update);
    store.replacePendingWrites("c1", List.of(update));
    assertThat(openStore().pendingWrites("c1")).containsExactly(update);
    assertThat(store.pendingWrites("c2")).containsExactly(update);
    assertThat(store.pendingWrites("none")).isEmpty();
  }

  @Test
  void requestCountsAddUpPerCounterSinceAGivenInstant() {
    JdbcStateStore store = openStore();
    store.countRequests("a", T0, 3);
    store.countRequests("a", T0.plusSeconds(10), 4);
    store.countRequests("a", T0.plusSeconds(7200), 5);
    store.countRequests("b", T0, 100);

    assertThat(store.requests("a", T0)).isEqualTo(12);
    assertThat(store.requests("a", T0.plusSeconds(3600))).isEqualTo(5);
    assertThat(store.requests("b", T0.minusSeconds(60))).isEqualTo(100);
    assertThat(store.requests("c", T0)).isZero();
    // Counts older than two days are forgotten as new ones come.
    store.countRequests("a", T0.plus(Duration.ofDays(3)), 1);
    assertThat(store.requests("a", T0.minusSeconds(60))).isEqualTo(1);
  }
}
