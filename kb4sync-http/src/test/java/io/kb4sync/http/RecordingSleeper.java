package io.kb4sync.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each wait and returns at once. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
  }
}
