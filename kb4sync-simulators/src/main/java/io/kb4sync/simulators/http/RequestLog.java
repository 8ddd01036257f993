package io.kb4sync.simulators.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every request a simulator received, in arrival order. Thread-safe. */
public final class RequestLog {
  private final List<LoggedRequest> entries = new ArrayList<>();

  synchronized void add(LoggedRequest request) {
    entries.add(request);
  }

  public synchronized List<LoggedRequest> all() {
    return List.copyOf(entries);
  }

  public synchronized long count(Predicate<LoggedRequest> filter) {
    return entries.stream().filter(filter).count();
  }

  /**
   * The most requests matching {@code filter} that the simulator handled within any one {@code
   * window} (a sliding window over {@link LoggedRequest#nanos()}: each request opens one). A count
   * for asserting a rate limit, not a timing.
   */
  public synchronized int mostWithin(java.time.Duration window, Predicate<LoggedRequest> filter) {
    long[] times =
        entries.stream().filter(filter).mapToLong(LoggedRequest::nanos).sorted().toArray();
    long span = window.toNanos();
    int most = 0;
    int from = 0;
    for (int to = 0; to < times.length; to++) {
      while (times[to] - times[from] >= span) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  /** Requests that would change state (anything but GET and HEAD). */
  public long writes() {
    return count(LoggedRequest::isWrite);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
