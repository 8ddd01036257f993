package io.kb4sync.app.history;

import io.kb4sync.app.Messages;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One run in the history from its first second: recorded {@code running} before it reads anything,
 * ended with its outcome and report. When the state store refuses either step, the record goes to
 * the spool beside the configuration instead, and the next start stores it.
 */
public final class RecordedRun {
  private final StateStore store;
  private final RunSpool spool;
  private final PrintStream err;
  private final RunRecord started;

  private RecordedRun(StateStore store, RunSpool spool, PrintStream err, RunRecord started) {
    this.store = store;
    this.spool = spool;
    this.err = err;
    this.started = started;
  }

  /** Records {@code run} (status running) in the store, else in the spool. */
  public static RecordedRun start(
      StateStore store, RunSpool spool, PrintStream err, RunRecord run) {
    RecordedRun recorded = new RecordedRun(store, spool, err, run);
    try {
      store.startRun(run);
    } catch (RuntimeException e) {
      recorded.spool(run, e);
    }
    return recorded;
  }

  /**
   * A run already in the history as {@code running} (a queued run that has just started): ended
   * here, or in the spool.
   */
  public static RecordedRun resume(
      StateStore store, RunSpool spool, PrintStream err, RunRecord running) {
    return new RecordedRun(store, spool, err, running);
  }

  /**
   * Ends the run as {@code skipped} (a scheduled run that found the company locked): no outcome.
   */
  public void skip(Instant at) {
    try {
      store.endRun(started.runId(), RunStatus.RUNNING, RunStatus.SKIPPED, at);
    } catch (RuntimeException e) {
      spool(started.end(RunStatus.SKIPPED, at), e);
    }
  }

  public String runId() {
    return started.runId();
  }

  /** Ends the run with its outcome and the JSON document it printed. */
  public void finish(Outcome outcome, Instant finishedAt, String reportJson) {
    try {
      store.finishRun(started.runId(), outcome, finishedAt, reportJson);
    } catch (RuntimeException e) {
      spool(started.finish(outcome, finishedAt, reportJson), e);
    }
  }

  private void spool(RunRecord record, RuntimeException cause) {
    try {
      spool.append(record);
      err.println(
          "kb4sync: ["
              + record.companyId()
              + "] the state store refused the run's record ("
              + Messages.describe(cause)
              + "); kept in "
              + spool.file()
              + " and stored at the next start");
    } catch (RuntimeException e) {
      err.println(
          "kb4sync: ["
              + record.companyId()
              + "] the run could not be recorded, neither in the state store ("
              + Messages.describe(cause)
              + ") nor in the spool ("
              + Messages.describe(e)
              + ")");
    }
  }
}
