package io.kb4sync.store;

import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import java.nio.file.Path;

/**
 * The other process of the cross-process lock tests: opens the store at {@code args[0]}, takes the
 * lock of company {@code args[1]}, prints {@value #LOCKED} and holds it until killed or until its
 * stdin closes (so it never outlives a crashed test JVM). Prints {@value #REFUSED} and exits 3 when
 * the lock is taken.
 */
public final class LockHolderMain {
  static final String LOCKED = "LOCKED";
  static final String REFUSED = "REFUSED";

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (JdbcStateStore store = StateStores.open(args[0], Path.of("."))) {
      try (CompanyLock lock = store.lock(args[1])) {
        System.out.println(LOCKED + " " + lock);
        System.out.flush();
        while (System.in.read() >= 0) {
          // hold the lock
        }
      } catch (CompanyLockedException e) {
        System.out.println(REFUSED);
        System.out.flush();
        System.exit(3);
      }
    }
  }
}
