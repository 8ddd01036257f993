package io.kb4sync.graph;

import java.time.Duration;

/** How the retry policy waits. Production sleeps; tests record the waits and return at once. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread. */
  static Sleeper threadSleep() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
