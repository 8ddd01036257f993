package io.kb4sync.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Refused sign-ins counted per account name and per client address: after {@value #MAX_FAILURES}
 * within {@link #WINDOW}, further attempts from either are refused (429) until the oldest failure
 * is {@link #WINDOW} old. Counted in memory on each node: a cluster of n nodes allows up to n times
 * as many guesses.
 */
public final class SignInLimiter {

  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  /** A bound on the keys remembered, so that a flood of names cannot exhaust memory. */
  static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  public SignInLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Whether this name or this address has failed too often lately. */
  public synchronized boolean blocked(String name, String address) {
    Instant now = clock.instant();
    return recent(nameKey(name), now) >= MAX_FAILURES
        || recent(addressKey(address), now) >= MAX_FAILURES;
  }

  public synchronized void failed(String name, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_KEYS) {
      prune(now);
    }
    if (failures.size() < MAX_KEYS) {
      failures.computeIfAbsent(nameKey(name), k -> new ArrayDeque<>()).addLast(now);
      failures.computeIfAbsent(addressKey(address), k -> new ArrayDeque<>()).addLast(now);
    }
  }

  /** A sign-in succeeded: the name's failures are forgotten (the address's are kept). */
  public synchronized void succeeded(String name) {
    failures.remove(nameKey(name));
  }

  private int recent(String key, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && !now.isBefore(times.peekFirst().plus(WINDOW))) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return 0;
    }
    return times.size();
  }

  private void prune(Instant now) {
    for (Iterator<String> keys = failures.keySet().iterator(); keys.hasNext(); ) {
      Deque<Instant> times = failures.get(keys.next());
      if (times.isEmpty() || !now.isBefore(times.peekLast().plus(WINDOW))) {
        keys.remove();
      }
    }
  }

  private static String nameKey(String name) {
    return "name:" + (name == null ? "" : name.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
