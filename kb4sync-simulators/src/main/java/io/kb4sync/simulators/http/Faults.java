package io.kb4sync.simulators.http;

import java.time.Duration;
import java.util.Random;

/**
 * Seeded fault injection: the same seed gives the same sequence of decisions. Rates are fractions
 * of requests (0.0 to 1.0).
 *
 * <ul>
 *   <li>{@code throttle}: answer 429 with {@code Retry-After} before doing anything;
 *   <li>{@code unavailable}: answer 503 before doing anything;
 *   <li>{@code failAfterApply}: do the work, then answer 500 (the client cannot know it happened);
 *   <li>{@code hangAfterApply}: do the work, then wait {@code hang} before answering (a client
 *       timeout).
 * </ul>
 */
public final class Faults {

  /** What happens to one request. */
  public enum Decision {
    NONE,
    THROTTLE,
    UNAVAILABLE,
    FAIL_AFTER_APPLY,
    HANG_AFTER_APPLY
  }

  private final Random random;
  private volatile double throttle;
  private volatile double unavailable;
  private volatile double failAfterApply;
  private volatile double hangAfterApply;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration hang = Duration.ofSeconds(5);
  private volatile int retryAfterSeconds = 1;
  private volatile boolean down;

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  public static Faults none() {
    return new Faults(0);
  }

  public Faults throttle(double rate) {
    this.throttle = rate;
    return this;
  }

  public Faults unavailable(double rate) {
    this.unavailable = rate;
    return this;
  }

  public Faults failAfterApply(double rate) {
    this.failAfterApply = rate;
    return this;
  }

  public Faults hangAfterApply(double rate, Duration hang) {
    this.hangAfterApply = rate;
    this.hang = hang;
    return this;
  }

  public Faults latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  public Faults retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** When down, every request gets 503: the system is unreachable for the whole run. */
  public Faults down(boolean down) {
    this.down = down;
    return this;
  }

  public Duration latency() {
    return latency;
  }

  public Duration hang() {
    return hang;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Decides the fate of the next request. Writes may also fail or hang after being applied. */
  public synchronized Decision next(boolean write) {
    if (down) {
      return Decision.UNAVAILABLE;
    }
    double roll = random.nextDouble();
    if (roll < throttle) {
      return Decision.THROTTLE;
    }
    roll -= throttle;
    if (roll < unavailable) {
      return Decision.UNAVAILABLE;
    }
    roll -= unavailable;
    if (write && roll < failAfterApply) {
      return Decision.FAIL_AFTER_APPLY;
    }
    roll -= failAfterApply;
    if (write && roll < hangAfterApply) {
      return Decision.HANG_AFTER_APPLY;
    }
    return Decision.NONE;
  }
}
