package io.kb4sync.app.run;

/** Whether a run's own notification goes out, beside its notification policy. */
@FunctionalInterface
public interface NotifyGate {
  /** The command line: every run notifies as its policy says. */
  NotifyGate ALWAYS = (companyId, failed) -> true;

  /**
   * @param failed the run could not proceed (exit 1 or 2)
   */
  boolean notify(String companyId, boolean failed);
}
