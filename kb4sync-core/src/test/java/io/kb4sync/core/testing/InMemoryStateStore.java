package io.kb4sync.core.testing;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.DashboardSession;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.PendingWrite;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateChanges;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TenantMapping;
import io.kb4sync.core.state.TokenRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The state store in memory, for engine and CLI tests. The run history behaves as the SQL store's
 * (the same contract, {@code RunHistoryContract}, runs on both), instants to the millisecond
 * included.
 */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, Map<String, Link>> links = new HashMap<>();
  private final Map<String, Set<String>> groups = new HashMap<>();
  private final Map<String, RunRecord> runs = new LinkedHashMap<>();
  private final Set<String> locked = new HashSet<>();
  private final Map<String, TokenRecord> tokens = new TreeMap<>();
  private final Map<String, TenantMapping> mappings = new TreeMap<>();
  private final Map<String, DashboardAccount> accounts = new TreeMap<>();
  private final Map<String, DashboardSession> sessions = new HashMap<>();
  private final List<AdminEntry> adminActions = new ArrayList<>();
  private final Map<String, List<PendingWrite>> pendingWrites = new HashMap<>();
  private final Map<String, java.util.TreeMap<Instant, Long>> requestCounts = new HashMap<>();
  private int commits;
  private int failingCommit;
  private volatile String lockLost;

  @Override
  public synchronized CompanyState load(String companyId) {
    return new CompanyState(
        links.getOrDefault(companyId, Map.of()), groups.getOrDefault(companyId, Set.of()));
  }

  @Override
  public synchronized void commit(String companyId, StateChanges changes) {
    if (failingCommit > 0 && --failingCommit == 0) {
      throw new IllegalStateException("database or disk is full");
    }
    commits++;
    Map<String, Link> company = links.computeIfAbsent(companyId, k -> new HashMap<>());
    changes.forgottenLinks().forEach(company::remove);
    changes.links().forEach(l -> company.put(l.m365Id(), l));
    groups.put(companyId, new HashSet<>(changes.managedGroups()));
  }

  @Override
  public synchronized List<PendingWrite> pendingWrites(String companyId) {
    return pendingWrites.getOrDefault(companyId, List.of()).stream().map(this::millis).toList();
  }

  @Override
  public synchronized void replacePendingWrites(String companyId, List<PendingWrite> writes) {
    Map<String, PendingWrite> byKey = new LinkedHashMap<>();
    writes.forEach(w -> byKey.put(w.key(), w));
    pendingWrites.put(companyId, List.copyOf(byKey.values()));
  }

  @Override
  public synchronized long requests(String counter, Instant since) {
    return requestCounts
        .getOrDefault(counter, new java.util.TreeMap<>())
        .tailMap(since, true)
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  @Override
  public synchronized void countRequests(String counter, Instant at, long count) {
    requestCounts
        .computeIfAbsent(counter, k -> new java.util.TreeMap<>())
        .merge(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), count, Long::sum);
  }

  private PendingWrite millis(PendingWrite w) {
    return new PendingWrite(
        w.kind(),
        w.knowbe4Id(),
        w.m365Id(),
        w.email(),
        w.attribute(),
        w.expected(),
        w.firstSentAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        w.lastSentAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /** The {@code n}th commit from now fails, as a full disk or a locked file would make it. */
  public synchronized InMemoryStateStore failCommit(int n) {
    failingCommit = n;
    return this;
  }

  /** Every lock held now or later is lost, as a PostgreSQL session ended by the server. */
  public void loseLocks(String reason) {
    lockLost = reason;
  }

  public synchronized int commits() {
    return commits;
  }

  /** Newest first: by start time, then by run id. */
  private static final Comparator<RunRecord> NEWEST_FIRST =
      Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::runId).reversed();

  @Override
  public synchronized void startRun(RunRecord run) {
    if (!run.status().open()) {
      throw new IllegalArgumentException("run " + run.runId() + " has already ended");
    }
    if (runs.containsKey(run.runId())) {
      throw new IllegalStateException("run " + run.runId() + " is already recorded");
    }
    runs.put(run.runId(), millis(run));
  }

  @Override
  public synchronized void finishRun(
      String runId, Outcome outcome, Instant finishedAt, String reportJson) {
    RunRecord run = runs.get(runId);
    if (run == null) {
      throw new NoSuchElementException("no run " + runId + " in the history");
    }
    runs.put(runId, millis(run.finish(outcome, finishedAt, reportJson)));
  }

  @Override
  public synchronized boolean markRunning(String runId, Instant at, String owner) {
    RunRecord run = runs.get(runId);
    if (run == null || run.status() != RunStatus.QUEUED) {
      return false;
    }
    runs.put(runId, millis(run.running(at, owner)));
    return true;
  }

  @Override
  public synchronized boolean endRun(
      String runId, RunStatus expected, RunStatus status, Instant at) {
    StateStore.checkEnd(expected, status);
    RunRecord run = runs.get(runId);
    if (run == null || run.status() != expected) {
      return false;
    }
    runs.put(runId, millis(run.end(status, at)));
    return true;
  }

  @Override
  public synchronized List<RunRecord> runs(RunQuery query) {
    List<RunRecord> all = runs.values().stream().sorted(NEWEST_FIRST).toList();
    int from = 0;
    if (query.beforeRunId() != null) {
      RunRecord before = runs.get(query.beforeRunId());
      if (before == null) {
        return List.of();
      }
      from = all.indexOf(before) + 1;
    }
    return all.subList(from, all.size()).stream()
        .filter(r -> query.companyId() == null || r.companyId().equals(query.companyId()))
        .filter(r -> query.kind() == null || r.kind().equals(query.kind()))
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized Optional<RunRecord> run(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized int abandonDeadRuns(Predicate<String> ownerAlive, Instant at) {
    int abandoned = 0;
    for (RunRecord run : List.copyOf(runs.values())) {
      if (run.status().open() && !ownerAlive.test(run.owner())) {
        runs.put(run.runId(), millis(run.abandon(at)));
        abandoned++;
      }
    }
    return abandoned;
  }

  @Override
  public synchronized int pruneRuns(Instant before) {
    long cutoff = before.toEpochMilli();
    int before0 = runs.size();
    runs.values().removeIf(r -> !r.status().open() && r.startedAt().toEpochMilli() < cutoff);
    return before0 - runs.size();
  }

  @Override
  public synchronized void importRuns(List<RunRecord> imported) {
    for (RunRecord run : imported) {
      runs.put(run.runId(), millis(run));
    }
  }

  /** The run with its instants cut to the millisecond, as the SQL store keeps them. */
  private static RunRecord millis(RunRecord run) {
    return new RunRecord(
        run.runId(),
        run.companyId(),
        run.kind(),
        run.dryRun(),
        run.status(),
        run.outcome(),
        millis(run.startedAt()),
        millis(run.finishedAt()),
        run.trigger(),
        run.owner(),
        run.options(),
        run.reportJson());
  }

  private static Instant millis(Instant instant) {
    return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
  }

  @Override
  public synchronized boolean saveToken(TokenRecord token) {
    if (tokens.containsKey(token.name())) {
      return false;
    }
    if (tokens.values().stream().anyMatch(t -> t.hash().equals(token.hash()))) {
      throw new IllegalStateException("a token with this hash is already stored");
    }
    tokens.put(token.name(), millis(token));
    return true;
  }

  @Override
  public synchronized List<TokenRecord> tokens() {
    return List.copyOf(tokens.values());
  }

  @Override
  public synchronized Optional<TokenRecord> tokenByHash(String hash) {
    return tokens.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
  }

  @Override
  public synchronized boolean revokeToken(String name) {
    return tokens.remove(name) != null;
  }

  @Override
  public synchronized void tokenUsed(String name, Instant at) {
    tokens.computeIfPresent(name, (n, token) -> token.usedAt(millis(at)));
  }

  @Override
  public synchronized void mapTenant(TenantMapping mapping) {
    mappings.put(
        mapping.companyId(),
        new TenantMapping(mapping.companyId(), mapping.tenantId(), millis(mapping.mappedAt())));
  }

  @Override
  public synchronized boolean unmapTenant(String companyId) {
    return mappings.remove(companyId) != null;
  }

  @Override
  public synchronized Optional<TenantMapping> tenantMapping(String companyId) {
    return Optional.ofNullable(mappings.get(companyId));
  }

  @Override
  public synchronized List<TenantMapping> tenantMappings() {
    return List.copyOf(mappings.values());
  }

  @Override
  public synchronized boolean saveAccount(DashboardAccount account) {
    if (accounts.containsKey(account.name())) {
      return false;
    }
    accounts.put(account.name(), millis(account));
    return true;
  }

  @Override
  public synchronized Optional<DashboardAccount> putEntraAccount(DashboardAccount account) {
    if (!account.source().equals(DashboardAccount.ENTRA)) {
      throw new IllegalArgumentException("not an Entra ID account: " + account.name());
    }
    DashboardAccount old = accounts.get(account.name());
    if (old != null && !old.source().equals(DashboardAccount.ENTRA)) {
      return Optional.empty();
    }
    DashboardAccount stored =
        old == null
            ? millis(account)
            : new DashboardAccount(
                old.name(),
                account.role(),
                old.source(),
                null,
                old.disabled(),
                old.created(),
                old.lastSignIn());
    accounts.put(stored.name(), stored);
    return Optional.of(stored);
  }

  @Override
  public synchronized Optional<DashboardAccount> account(String name) {
    return Optional.ofNullable(accounts.get(name));
  }

  @Override
  public synchronized List<DashboardAccount> accounts() {
    return List.copyOf(accounts.values());
  }

  @Override
  public synchronized boolean disableAccount(String name) {
    DashboardAccount old = accounts.get(name);
    if (old == null) {
      return false;
    }
    accounts.put(
        name,
        new DashboardAccount(
            name, old.role(), old.source(), old.phcHash(), true, old.created(), old.lastSignIn()));
    deleteSessionsOf(name);
    return true;
  }

  @Override
  public synchronized void signedIn(String name, Instant at) {
    accounts.computeIfPresent(
        name,
        (n, old) ->
            new DashboardAccount(
                n,
                old.role(),
                old.source(),
                old.phcHash(),
                old.disabled(),
                old.created(),
                millis(at)));
  }

  @Override
  public synchronized void saveSession(DashboardSession session) {
    if (sessions.containsKey(session.hash())) {
      throw new IllegalStateException("a session with this hash is already stored");
    }
    sessions.put(
        session.hash(),
        new DashboardSession(
            session.hash(),
            session.name(),
            session.role(),
            millis(session.created()),
            millis(session.lastSeen())));
  }

  @Override
  public synchronized Optional<DashboardSession> session(String hash) {
    return Optional.ofNullable(sessions.get(hash));
  }

  @Override
  public synchronized void sessionSeen(String hash, Instant at) {
    sessions.computeIfPresent(hash, (h, session) -> session.seenAt(millis(at)));
  }

  @Override
  public synchronized void deleteSession(String hash) {
    sessions.remove(hash);
  }

  @Override
  public synchronized int deleteSessionsOf(String name) {
    int before = sessions.size();
    sessions.values().removeIf(session -> session.name().equals(name));
    return before - sessions.size();
  }

  @Override
  public synchronized int deleteSessions(Instant seenBefore, Instant createdBefore) {
    int before = sessions.size();
    sessions
        .values()
        .removeIf(
            session ->
                session.lastSeen().isBefore(seenBefore)
                    || session.created().isBefore(createdBefore));
    return before - sessions.size();
  }

  @Override
  public synchronized void recordAdminAction(AdminEntry entry) {
    adminActions.add(
        new AdminEntry(
            millis(entry.at()), entry.actor(), entry.action(), entry.companyId(), entry.detail()));
  }

  @Override
  public synchronized List<AdminEntry> adminActions(String action, Instant from, Instant to) {
    return adminActions.stream()
        .filter(entry -> action == null || action.equals(entry.action()))
        .filter(entry -> !entry.at().isBefore(from) && entry.at().isBefore(to))
        .sorted(Comparator.comparing(AdminEntry::at))
        .toList();
  }

  @Override
  public synchronized List<AdminEntry> newestAdminActions(String action, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    List<AdminEntry> newest = new ArrayList<>();
    // Recorded order within one millisecond: walk the list backwards after a stable sort.
    List<AdminEntry> sorted =
        adminActions.stream()
            .filter(entry -> action == null || action.equals(entry.action()))
            .sorted(Comparator.comparing(AdminEntry::at))
            .toList();
    for (int i = sorted.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(sorted.get(i));
    }
    return List.copyOf(newest);
  }

  private static DashboardAccount millis(DashboardAccount account) {
    return new DashboardAccount(
        account.name(),
        account.role(),
        account.source(),
        account.phcHash(),
        account.disabled(),
        millis(account.created()),
        millis(account.lastSignIn()));
  }

  private static TokenRecord millis(TokenRecord token) {
    return new TokenRecord(
        token.name(),
        token.role(),
        token.hash(),
        millis(token.created()),
        millis(token.expires()),
        millis(token.lastUsed()));
  }

  @Override
  public synchronized CompanyLock lock(String companyId) {
    if (!locked.add(companyId)) {
      throw new CompanyLockedException(companyId);
    }
    return new CompanyLock() {
      @Override
      public String lost() {
        return lockLost;
      }

      @Override
      public void close() {
        synchronized (InMemoryStateStore.this) {
          locked.remove(companyId);
        }
      }
    };
  }

  @Override
  public void close() {}
}
