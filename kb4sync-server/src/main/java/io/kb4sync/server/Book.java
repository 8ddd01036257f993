package io.kb4sync.server;

import io.kb4sync.core.state.RunRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The MSP's book of companies as service mode sees it: companies with their schedules and the
 * latest runs, starting and cancelling runs, reloading the configuration and readiness. The app
 * implements it over the configuration, the state store, the scheduler and the one runner that CLI,
 * schedule and API runs share.
 */
public interface Book {

  /** Every configured company, in configuration order. */
  List<CompanyView> companies();

  /** One company with its effective variables and schedule; empty when unknown. */
  Optional<CompanyDetail> company(String companyId);

  /** Pauses or resumes a company's schedules; empty when unknown. */
  Optional<CompanyView> setPaused(String companyId, boolean paused, Caller by);

  /** Queues a run; see {@link RunStart} for the answers. */
  RunStart start(String companyId, RunRequest request, Caller by);

  /** Cancels a queued run. */
  Cancel cancel(String runId, Caller by);

  /** Run records, newest first. */
  List<RunRecord> runs(RunFilter filter);

  /** One run; empty when unknown. */
  Optional<RunRecord> run(String runId);

  /** Re-reads the configuration file; a broken file is refused and the running one kept. */
  Reload reload(Caller by);

  /** Whether this node can serve: state store reachable, scheduler running. */
  Readiness readiness();

  /**
   * The archives the threshold guard holds for a company: those of its newest real sync with a
   * report (among its newest few), when that sync held some; empty otherwise.
   */
  default Optional<HeldSet> held(String companyId) {
    return Optional.empty();
  }

  /** The newest audit of a company that has ended; empty when none has. */
  default Optional<RunRecord> latestAudit(String companyId) {
    return Optional.empty();
  }

  /**
   * What a queued or running run is doing, as far as this node knows (the phase is known only on
   * the node that runs it); empty for an unknown run.
   */
  default Optional<Progress> progress(String runId) {
    return run(runId).map(run -> new Progress(run, null, null, null));
  }

  /**
   * A held set of archives, as an admin approves it.
   *
   * @param runId the real sync that held them
   * @param fingerprint its {@code staged_archives_fingerprint}: an approval names it
   */
  record HeldSet(
      String companyId, String runId, Instant heldAt, String fingerprint, List<HeldUser> users) {
    public HeldSet {
      users = List.copyOf(users);
    }
  }

  /**
   * One user the guard held.
   *
   * @param lastSeen when a sync last saw the user in scope; null if none ever did
   * @param heldBy the guard's reason as a person reads it
   */
  record HeldUser(String email, String reason, Instant lastSeen, String heldBy) {}

  /**
   * A run with the phase it is in.
   *
   * @param phase e.g. {@code read Microsoft 365 and KnowBe4}; null when not known on this node
   * @param detail e.g. {@code 12 operations}; null when none
   * @param phaseAt when the phase began; null with no phase
   */
  record Progress(RunRecord run, String phase, String detail, Instant phaseAt) {}

  /**
   * A company as {@code GET /api/v1/companies} lists it.
   *
   * @param lastRun the newest run of any kind, or null
   * @param nextSyncAt null when {@code off} or paused
   * @param heldArchives users held by the threshold guard in the newest real sync
   */
  record CompanyView(
      String companyId,
      String name,
      boolean paused,
      RunRecord lastRun,
      Instant nextSyncAt,
      Instant nextAuditAt,
      int heldArchives) {
    public CompanyView {
      Objects.requireNonNull(companyId, "companyId");
    }
  }

  /** A company with its effective variables (never a secret) and its schedule. */
  record CompanyDetail(CompanyView company, Map<String, Object> variables, Schedule schedule) {}

  /** The effective schedule: each line as configured ({@code off} when not scheduled). */
  record Schedule(String sync, String audit, String timeZone) {}

  /**
   * A run asked for.
   *
   * @param kind {@code sync} or {@code audit}
   * @param removeStaleUsers null: the company's setting
   * @param approveHeld the fingerprint of the held set an admin approves, or null
   */
  record RunRequest(String kind, boolean dryRun, Boolean removeStaleUsers, String approveHeld) {}

  /** The answer to {@link #start}. */
  sealed interface RunStart {
    /** Queued: its run id. */
    record Queued(String runId) implements RunStart {}

    /** The company has a run queued or running (409). */
    record Busy(String message) implements RunStart {}

    /** No such company (404). */
    record UnknownCompany() implements RunStart {}

    /** The request makes no sense for this company (400). */
    record Refused(String message) implements RunStart {}
  }

  /** The answer to {@link #cancel}. */
  enum Cancel {
    /** The queued run will not start (204). */
    CANCELLED,
    /** No such run (404). */
    UNKNOWN,
    /** It is running or has ended (409). */
    NOT_QUEUED
  }

  /**
   * A page of runs.
   *
   * @param companyId null for all
   * @param kind null for both
   * @param before a run id: the runs older than it
   */
  record RunFilter(String companyId, String kind, int limit, String before) {}

  /** The answer to {@link #reload}: null {@code problem} when the new file is in force. */
  record Reload(String problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * Readiness.
   *
   * @param problems one line each; empty when ready
   * @param nodesWithOtherConfiguration nodes of the cluster whose configuration file differs
   */
  record Readiness(List<String> problems, List<String> nodesWithOtherConfiguration) {
    public boolean ready() {
      return problems.isEmpty();
    }
  }
}
