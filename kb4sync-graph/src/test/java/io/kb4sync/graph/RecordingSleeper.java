package io.kb4sync.graph;

import io.kb4sync.http.Sleeper;
import io.kb4sync.http.TokenCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits the retry rule asks for and returns at once: tests never sleep. */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** Fast options for tests: the default bounds, no real waiting, a token cache of their own. */
  GraphOptions options() {
    return GraphOptions.defaults().withSleeper(this).withTokens(new TokenCache());
  }
}
