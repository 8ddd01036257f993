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

  /** Requests that would change state (anything but GET and HEAD). */
  public long writes() {
    return count(LoggedRequest::isWrite);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
