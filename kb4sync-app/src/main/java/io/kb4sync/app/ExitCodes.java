package io.kb4sync.app;

import java.util.Collection;
import java.util.List;

/** The contract's exit codes, and which wins when several apply: 2, 1, 4, 3, 0. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int CANNOT_PROCEED = 1;
  public static final int USAGE = 2;
  public static final int SOME_OPERATIONS_FAILED = 3;
  public static final int GUARD_HELD = 4;

  private static final List<Integer> PRECEDENCE =
      List.of(USAGE, CANNOT_PROCEED, GUARD_HELD, SOME_OPERATIONS_FAILED, OK);

  private ExitCodes() {}

  public static int combine(Collection<Integer> codes) {
    for (int code : PRECEDENCE) {
      if (codes.contains(code)) {
        return code;
      }
    }
    return OK;
  }
}
