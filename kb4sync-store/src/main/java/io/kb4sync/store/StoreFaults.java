package io.kb4sync.store;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST ONLY: failures that CI cannot stage for real (a full disk, a locked database file), for the
 * end-to-end tests of higher layers, which run the packaged jar. Armed only when the system
 * property {@value #FAIL_COMMIT_PROPERTY} or the environment variable {@value #FAIL_COMMIT_ENV} is
 * set to a positive N: then the Nth {@code commit} of each store opened fails, before it writes
 * anything, with a {@link StateStoreException} whose reason reads {@code database or disk is full}.
 * A store with the hook armed says so at WARN when it opens. Unset, nothing is counted and nothing
 * changes.
 */
final class StoreFaults {

  /** System property: the Nth commit fails. */
  static final String FAIL_COMMIT_PROPERTY = "kb4sync.test.store.fail-commit";

  /** Environment variable: the Nth commit fails (the property wins when both are set). */
  static final String FAIL_COMMIT_ENV = "KB4SYNC_TEST_FAIL_COMMIT";

  static final StoreFaults NONE = new StoreFaults(0);

  private static final Logger LOG = LoggerFactory.getLogger(StoreFaults.class);

  private final int failingCommit;
  private final AtomicInteger commits = new AtomicInteger();

  StoreFaults(int failingCommit) {
    this.failingCommit = failingCommit;
  }

  /** The faults the system property or the environment asks for; {@link #NONE} when neither. */
  static StoreFaults fromSystem() {
    String value = System.getProperty(FAIL_COMMIT_PROPERTY);
    String source = FAIL_COMMIT_PROPERTY;
    if (value == null || value.isBlank()) {
      value = System.getenv(FAIL_COMMIT_ENV);
      source = FAIL_COMMIT_ENV;
    }
    if (value == null || value.isBlank()) {
      return NONE;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + " must be a positive number, found " + value, e);
    }
    if (n < 1) {
      throw new IllegalArgumentException(source + " must be a positive number, found " + value);
    }
    return new StoreFaults(n);
  }

  boolean armed() {
    return failingCommit > 0;
  }

  void warnIfArmed(String description) {
    if (armed()) {
      LOG.warn(
          "TEST FAULT armed for {}: commit number {} will fail ({} / {})",
          description,
          failingCommit,
          FAIL_COMMIT_PROPERTY,
          FAIL_COMMIT_ENV);
    }
  }

  /** Called as a commit begins: throws when it is the one to fail. */
  void beforeCommit(String what, String description) {
    if (armed() && commits.incrementAndGet() == failingCommit) {
      throw new StateStoreException(
          "state: cannot "
              + what
              + " in "
              + description
              + ": database or disk is full (test fault "
              + FAIL_COMMIT_ENV
              + "="
              + failingCommit
              + ")",
          null);
    }
  }
}
