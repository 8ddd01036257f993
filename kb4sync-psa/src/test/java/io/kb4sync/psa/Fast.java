package io.kb4sync.psa;

import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test settings: short waits, and a sleeper that records instead of sleeping. */
final class Fast {
  private Fast() {}

  static HttpOptions options() {
    return new HttpOptions(
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(10),
        Duration.ofSeconds(30));
  }

  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
      waits.add(duration);
    }
  }
}
