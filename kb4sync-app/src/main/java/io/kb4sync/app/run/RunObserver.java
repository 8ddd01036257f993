package io.kb4sync.app.run;

import io.kb4sync.core.state.RunRecord;

/**
 * Told of every run the {@link CompanyRunner} ends: service mode's metrics, the repeated-failure
 * notice and the daily digest listen here. Must not throw.
 */
public interface RunObserver {
  RunObserver NONE = (run, document) -> {};

  /**
   * @param run the run as recorded when it ended (status finished, failed or skipped)
   * @param document the sync report or the audit; null for a skipped run
   */
  void ended(RunRecord run, Object document);

  /** {@code count} runs of {@code kind} were found with their node dead and recorded abandoned. */
  default void abandoned(String kind, int count) {}
}
