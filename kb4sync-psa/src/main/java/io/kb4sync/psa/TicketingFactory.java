package io.kb4sync.psa;

import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.notify.Ticketing;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the {@link Ticketing} of {@link PsaSettings}. Invalid settings throw {@link
 * IllegalArgumentException} with one line naming the key (never a secret), for the app to report as
 * a configuration error (exit 2).
 */
public final class TicketingFactory {
  /** How long a PSA may take to connect (or the request timeout, when shorter). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The most of a PSA's answer read: 8 MiB. kb4sync asks for one ticket, or the open tickets of one
   * company that carry its marker: a few KiB each.
   */
  public static final long MAX_BODY_BYTES = 8 * Transport.MIB;

  private TicketingFactory() {}

  /** The configured PSA, or empty when {@code psa.type} is not set. */
  public static Optional<Ticketing> create(PsaSettings settings, TicketMemory memory, Clock clock) {
    return create(settings, memory, clock, Transport.DEFAULT_DEADLINE);
  }

  /**
   * As {@link #create(PsaSettings, TicketMemory, Clock)}, each answer bounded by {@code deadline}
   * (the configuration's {@code http_deadline}).
   */
  public static Optional<Ticketing> create(
      PsaSettings settings, TicketMemory memory, Clock clock, Duration deadline) {
    if (settings == null || settings.type() == null) {
      return Optional.empty();
    }
    if (settings.effectiveTimeoutSeconds() < 1) {
      throw new IllegalArgumentException("psa.timeout_seconds: must be at least 1");
    }
    HttpOptions options =
        HttpOptions.withTimeouts(
                CONNECT_TIMEOUT, Duration.ofSeconds(settings.effectiveTimeoutSeconds()))
            .withLimits(deadline, MAX_BODY_BYTES);
    switch (settings.type()) {
      case CONNECTWISE:
        return Optional.of(
            new ConnectWiseTicketing(
                require(settings.connectwise(), "connectwise"), memory, options));
      case AUTOTASK:
        return Optional.of(
            new AutotaskTicketing(require(settings.autotask(), "autotask"), memory, options));
      case HALO:
      default:
        return Optional.of(
            new HaloTicketing(require(settings.halo(), "halo"), memory, options, clock));
    }
  }

  private static <T> T require(T section, String name) {
    if (section == null) {
      throw new IllegalArgumentException("psa." + name + ": missing (psa.type is " + name + ")");
    }
    return section;
  }
}
