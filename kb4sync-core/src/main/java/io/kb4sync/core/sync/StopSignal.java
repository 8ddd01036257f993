package io.kb4sync.core.sync;

import io.kb4sync.core.execute.WriteGate;

/**
 * A request to stop, e.g. from SIGTERM: runs start no new write, writes in flight finish, and each
 * run reports what it did. Shared by every run of a process.
 */
public final class StopSignal implements WriteGate {
  private volatile String reason;

  /** Asks every run to stop; the first reason is kept. */
  public synchronized void request(String why) {
    if (reason == null) {
      reason = why;
    }
  }

  public boolean requested() {
    return reason != null;
  }

  @Override
  public String closedBecause() {
    return reason;
  }
}
