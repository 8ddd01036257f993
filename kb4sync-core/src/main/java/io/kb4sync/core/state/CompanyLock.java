package io.kb4sync.core.state;

/**
 * Held while one run works on one company. It dies with its process (an advisory or file lock), so
 * a killed run never blocks the next.
 */
public interface CompanyLock extends AutoCloseable {
  @Override
  void close();
}
