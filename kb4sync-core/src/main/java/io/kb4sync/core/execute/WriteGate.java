package io.kb4sync.core.execute;

/**
 * Whether writes may go on: the company lock is still held, and nobody asked the run to stop. A
 * closed gate stops further writes (those in flight finish); what was done is still reported.
 */
public interface WriteGate {
  /** A gate that never closes. */
  WriteGate OPEN = () -> null;

  /**
   * Null while writes may go on, else why they must stop, in one line. Cheap: asked before every
   * write.
   */
  String closedBecause();

  /**
   * Asks now, e.g. the lock's keeper over the network; asked before each write phase and before the
   * final commit. The same answer as {@link #closedBecause()} by default.
   */
  default String checkNow() {
    return closedBecause();
  }

  /** Closed when either gate is. */
  default WriteGate and(WriteGate other) {
    WriteGate self = this;
    return new WriteGate() {
      @Override
      public String closedBecause() {
        String reason = self.closedBecause();
        return reason != null ? reason : other.closedBecause();
      }

      @Override
      public String checkNow() {
        String reason = self.checkNow();
        return reason != null ? reason : other.checkNow();
      }
    };
  }
}
