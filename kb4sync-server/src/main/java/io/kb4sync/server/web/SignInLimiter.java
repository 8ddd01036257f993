package io.kb4sync.server.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sign-in attempts counted per account name and per client address (an IPv6 address by its /64,
 * which one client usually holds whole): after {@value #MAX_FAILURES} failures within {@link
 * #WINDOW}, further attempts from either are refused (429) until the oldest failure is {@link
 * #WINDOW} old.
 *
 * <p>An attempt is counted from its start ({@link #tryBegin}), not only once its password check has
 * failed: a password check takes tens of milliseconds, and attempts sent all at once would
 * otherwise each pass the count before any of them failed. When the remembered keys reach {@link
 * #MAX_KEYS} and none can be forgotten, attempts are refused rather than left uncounted. Counted in
 * memory on each node: a cluster of n nodes allows up to n times as many guesses.
 */
public final class SignInLimiter {

  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  /** A bound on the keys remembered, so that a flood of names cannot exhaust memory. */
  static final int MAX_KEYS = 100_000;

  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();
  private final Map<String, Integer> inFlight = new HashMap<>();

  public SignInLimiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts an attempt: false, and nothing counted, when this name or this address has failed too
   * often lately (attempts in progress included) or when no more keys can be remembered; else the
   * attempt is counted until {@link #end}.
   */
  public synchronized boolean tryBegin(String name, String address) {
    Instant now = clock.instant();
    String nameKey = nameKey(name);
    String addressKey = addressKey(address);
    if (load(nameKey, now) >= MAX_FAILURES || load(addressKey, now) >= MAX_FAILURES) {
      return false;
    }
    if (failures.size() + inFlight.size() + 2 > MAX_KEYS) {
      prune(now);
      if (failures.size() + inFlight.size() + 2 > MAX_KEYS) {
        return false;
      }
    }
    inFlight.merge(nameKey, 1, Integer::sum);
    inFlight.merge(addressKey, 1, Integer::sum);
    return true;
  }

  /**
   * Ends an attempt begun with {@link #tryBegin}: a failure is counted for the name and the
   * address; a success forgets the name's failures (the address's are kept).
   */
  public synchronized void end(String name, String address, boolean succeeded) {
    Instant now = clock.instant();
    String nameKey = nameKey(name);
    String addressKey = addressKey(address);
    inFlight.computeIfPresent(nameKey, (k, n) -> n <= 1 ? null : n - 1);
    inFlight.computeIfPresent(addressKey, (k, n) -> n <= 1 ? null : n - 1);
    if (succeeded) {
      failures.remove(nameKey);
      return;
    }
    failures.computeIfAbsent(nameKey, k -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent(addressKey, k -> new ArrayDeque<>()).addLast(now);
  }

  /** Failures within the window plus attempts in progress. */
  private int load(String key, Instant now) {
    return recent(key, now) + inFlight.getOrDefault(key, 0);
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

  /** An IPv4 address as it is; an IPv6 address by its /64. */
  static String addressKey(String address) {
    if (address != null && address.indexOf(':') >= 0 && IPV6_CHARS.matcher(address).matches()) {
      try {
        // Starts with a hex digit or ':' and holds ':': parsed as a literal, never looked up.
        InetAddress parsed = InetAddress.getByName(address);
        if (parsed instanceof Inet6Address) {
          byte[] bytes = parsed.getAddress();
          StringBuilder prefix = new StringBuilder("address:");
          for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            prefix.append(':');
          }
          return prefix.append(":/64").toString();
        }
      } catch (UnknownHostException e) {
        // Not a literal: counted as written.
      }
    }
    return "address:" + address;
  }
}
