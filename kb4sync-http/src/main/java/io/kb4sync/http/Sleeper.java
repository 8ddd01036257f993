package io.kb4sync.http;

import java.time.Duration;

/** Waits between retries; tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
