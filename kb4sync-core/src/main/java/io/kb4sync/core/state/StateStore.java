package io.kb4sync.core.state;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * kb4sync's own memory: links, last-seen times, managed groups, the run history, the hashes of
 * service mode's API tokens, tenant mappings, the dashboard's accounts, sessions and audit log
 * ({@link DashboardStore}), the writes KnowBe4 has not yet applied ({@link PendingWrites}) and
 * request counts ({@link RequestCounts}). SQLite by default, PostgreSQL when shared. Never holds a
 * secret.
 */
public interface StateStore extends AutoCloseable, PendingWrites, RequestCounts, DashboardStore {

  /** What earlier runs stored for the company; empty for a company never synced. */
  CompanyState load(String companyId);

  /** Stores the outcome of a real run atomically: all of it or none of it. */
  void commit(String companyId, StateChanges changes);

  // ---- run history (docs/history.md) ----

  /**
   * Records a run as it starts.
   *
   * @param run a {@code running} (or {@code queued}) run; see {@link RunRecord#start}
   * @throws IllegalArgumentException when the run has already ended
   * @throws RuntimeException when the history already holds its run id, or the store fails
   */
  void startRun(RunRecord run);

  /**
   * Ends a recorded run: its status becomes {@code outcome.status()} ({@code finished} or {@code
   * failed}), whatever it was (a run wrongly found abandoned still ends with its true outcome).
   *
   * @param reportJson the JSON document the run printed, or null when it produced none
   * @throws java.util.NoSuchElementException when the history holds no run with this id
   */
  void finishRun(String runId, Outcome outcome, Instant finishedAt, String reportJson);

  /**
   * A queued run starts: {@code queued} becomes {@code running}, its start time {@code at} and its
   * owner the process that now runs it (service mode: the node that picked it).
   *
   * @return false, changing nothing, when the history holds no such run or it is no longer queued
   *     (cancelled, or started elsewhere)
   */
  boolean markRunning(String runId, Instant at, String owner);

  /**
   * Ends an open run without an outcome: {@code skipped} (a scheduled run that found the company
   * locked, a queued run cancelled) or {@code abandoned}.
   *
   * @param expected the status the run must have now ({@code queued} or {@code running}); the run
   *     is left alone otherwise
   * @param status {@code skipped} or {@code abandoned}
   * @return whether the run was ended
   * @throws IllegalArgumentException when {@code expected} is not open or {@code status} is neither
   */
  boolean endRun(String runId, RunStatus expected, RunStatus status, Instant at);

  /** Runs as the query asks, newest first: by start time, then by run id. */
  List<RunRecord> runs(RunQuery query);

  /** One run, if the history holds it. */
  Optional<RunRecord> run(String runId);

  /**
   * Marks every {@code queued} or {@code running} run whose owner is not alive as {@code abandoned}
   * (finish time {@code at}, no outcome).
   *
   * @param ownerAlive whether the process named by a run's owner still lives ({@code
   *     RunOwner::isAlive} in kb4sync-store)
   * @return how many runs were marked
   */
  int abandonDeadRuns(Predicate<String> ownerAlive, Instant at);

  /**
   * Deletes the runs that have ended and started before {@code before}; open runs stay.
   *
   * @return how many runs were deleted
   */
  int pruneRuns(Instant before);

  /**
   * Stores runs recorded elsewhere (the spool kept while the store failed), whatever their status:
   * each is inserted, or replaces the run with its id. Idempotent; of two with one id, the later in
   * the list wins.
   */
  void importRuns(List<RunRecord> runs);

  /** Checks the arguments of {@link #endRun}. */
  static void checkEnd(RunStatus expected, RunStatus status) {
    if (!expected.open()) {
      throw new IllegalArgumentException("only an open run can be ended so, not a " + expected);
    }
    if (status != RunStatus.SKIPPED && status != RunStatus.ABANDONED) {
      throw new IllegalArgumentException("a run ends without outcome as skipped or abandoned");
    }
  }

  // ---- API tokens of service mode (docs/api.md) ----

  /**
   * Stores a new API token.
   *
   * @return false, and nothing stored, when a token of that name exists
   * @throws RuntimeException when a token with the same hash exists, or the store fails
   */
  boolean saveToken(TokenRecord token);

  /** Every token, by name. */
  List<TokenRecord> tokens();

  /** The token whose SHA-256 is {@code hash}, if any (expired ones included). */
  Optional<TokenRecord> tokenByHash(String hash);

  /**
   * Deletes a token: it authenticates no request from now on.
   *
   * @return false when there is no token of that name
   */
  boolean revokeToken(String name);

  /** Records that the token authenticated a request at {@code at}; nothing for an unknown name. */
  void tokenUsed(String name, Instant at);

  // ---- tenant mappings (kb4sync companies map|unmap|list) ----

  /** Stores or replaces the company's tenant. */
  void mapTenant(TenantMapping mapping);

  /**
   * Forgets the company's tenant.
   *
   * @return false when the company had none
   */
  boolean unmapTenant(String companyId);

  /** The company's stored tenant, if any. */
  Optional<TenantMapping> tenantMapping(String companyId);

  /** Every mapping, by company id. */
  List<TenantMapping> tenantMappings();

  /**
   * Takes the company's lock without waiting.
   *
   * @throws CompanyLockedException when another run holds it
   */
  CompanyLock lock(String companyId);

  @Override
  void close();
}
