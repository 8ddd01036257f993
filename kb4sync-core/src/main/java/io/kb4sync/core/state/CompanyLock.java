package io.kb4sync.core.state;

/**
 * Held while one run works on one company. It dies with its process (an advisory or file lock), so
 * a killed run never blocks the next. A lock kept by a server (PostgreSQL) can also be lost while
 * its process lives, when the server ends the session: a run asks before it writes.
 */
public interface CompanyLock extends AutoCloseable {
  /**
   * Null while the lock is held, else why it was lost, in one line. Cheap: may answer from what a
   * background check last saw. A lock that dies only with its process is never lost.
   */
  default String lost() {
    return null;
  }

  /** Asks the lock's keeper now; null while the lock is held, else why it was lost. */
  default String checkNow() {
    return lost();
  }

  @Override
  void close();
}
