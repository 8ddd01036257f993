package io.kb4sync.core.state;

import java.util.List;

/**
 * kb4sync's own memory: links, last-seen times, managed groups and the run history. SQLite by
 * default, PostgreSQL when shared. Never holds a secret.
 */
public interface StateStore extends AutoCloseable {

  /** What earlier runs stored for the company; empty for a company never synced. */
  CompanyState load(String companyId);

  /** Stores the outcome of a real run atomically: all of it or none of it. */
  void commit(String companyId, StateChanges changes);

  /** Appends a run to the history. */
  void recordRun(RunRecord run);

  /** The most recent runs of a company, newest first. */
  List<RunRecord> runs(String companyId, int limit);

  /**
   * Takes the company's lock without waiting.
   *
   * @throws CompanyLockedException when another run holds it
   */
  CompanyLock lock(String companyId);

  @Override
  void close();
}
