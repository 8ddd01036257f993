package io.kb4sync.app.history;

import io.kb4sync.app.Messages;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.store.RunOwner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The history's housekeeping, done by {@code kb4sync runs} and at the start of every run: store the
 * spooled records, mark the runs of dead processes {@code abandoned}, prune what is older than
 * {@code history_days}.
 */
public final class RunHistory {
  private RunHistory() {}

  /** What one round of housekeeping did. */
  public record Housekeeping(int imported, int abandoned, int pruned) {}

  /**
   * Drains the configuration's spool into the store, then marks dead runs abandoned, then prunes.
   * The spool goes first, so that a spooled start of a run whose process has since died is found
   * abandoned in the same round.
   *
   * @throws RuntimeException when the store fails (the spool is then kept)
   */
  public static Housekeeping housekeeping(StateStore store, Config config, Clock clock) {
    int imported = RunSpool.beside(config.file()).drainInto(store);
    Instant now = clock.instant();
    int abandoned = store.abandonDeadRuns(RunOwner::isAlive, now);
    int pruned = prune(store, config, now);
    return new Housekeeping(imported, abandoned, pruned);
  }

  /**
   * The housekeeping every command that runs companies does first; a store that fails it leaves a
   * warning on stderr and the runs go on (each run records itself, or spools its record).
   */
  public static void beforeRuns(StateStore store, Config config, Clock clock, PrintStream err) {
    try {
      housekeeping(store, config, clock);
    } catch (RuntimeException e) {
      err.println("kb4sync: run history housekeeping failed: " + Messages.describe(e));
    }
  }

  /** Deletes the ended runs that started more than {@code history_days} before {@code now}. */
  public static int prune(StateStore store, Config config, Instant now) {
    return store.pruneRuns(pruneBefore(config, now));
  }

  /** The start time before which ended runs are pruned. */
  public static Instant pruneBefore(Config config, Instant now) {
    return now.minus(Duration.ofDays(config.historyDays()));
  }
}
