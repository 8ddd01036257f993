package io.kb4sync.knowbe4;

import io.kb4sync.core.state.RequestCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Request counts in memory (the state store's port), for tests of the daily allowance. */
final class CountsInMemory implements RequestCounts {
  private record Count(String counter, Instant at, long n) {}

  private final List<Count> counts = new ArrayList<>();

  @Override
  public synchronized long requests(String counter, Instant since) {
    return counts.stream()
        .filter(c -> c.counter().equals(counter) && !c.at().isBefore(since))
        .mapToLong(Count::n)
        .sum();
  }

  @Override
  public synchronized void countRequests(String counter, Instant at, long count) {
    counts.add(new Count(counter, at, count));
  }

  synchronized long total() {
    return counts.stream().mapToLong(Count::n).sum();
  }
}
